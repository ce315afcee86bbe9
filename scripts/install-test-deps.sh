#!/usr/bin/env bash
# Installs what the tests need beyond npm packages: Debian's Chromium for the end-to-end tests
# (playwright-core drives /usr/bin/chromium; browser downloads are not used). pyright for the
# PySpark check installs itself from npm on first use (tools/pyspark-stubs/check.sh).
set -euo pipefail
if [[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then
	echo "test-deps: chromium present: $("${CHROMIUM_PATH:-/usr/bin/chromium}" --version 2>/dev/null || echo unknown)"
	exit 0
fi
echo "test-deps: installing Debian's chromium with apt-get"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
chromium --version
