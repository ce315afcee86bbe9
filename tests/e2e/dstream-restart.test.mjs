// basic-06 and basic-14's DStream tabs: a driver that dies and is restarted by
// StreamingContext.getOrCreate. Every preset plays to the end with the restart drawn (the strip,
// the crash line between the two drivers' batches, the figures in words); the write-ahead log
// decides whether received data comes back; a program changed for the restart is not used; a
// refused program shows Spark's error; the program at every preset passes the PySpark stub check.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endKey, launch, openPage, settled, VIEWPORTS } from './browser.mjs';
import { programText } from './cluster-play.mjs';

const TABS = [
	{
		slug: 'basic-06-checkpoints',
		main: 'sim-fault-tolerance',
		stories: {
			'dstream-recover-from-checkpoint': /read back from the write-ahead log/,
			'dstream-no-wal-loses-received-data': /received records? lost \(no write-ahead log\)/,
			'dstream-code-change-ignored': /the edited program was not used/
		},
		refused: ['dstream-checkpoint-not-a-multiple', /which not a multiple of its slide time/]
	},
	{
		slug: 'basic-14-fault-tolerance',
		main: 'sim-fault-tolerance',
		stories: {
			'dstream-recover-with-wal': /read back from the write-ahead log/,
			'dstream-no-wal-loses-received-data': /received records? lost \(no write-ahead log\)/,
			'dstream-code-change-ignored':
				/read back from the write-ahead log.*the edited program was not used/
		}
	}
];

async function playToEnd(page) {
	await settled(page);
	await page.getByTestId('sim-restart').click();
	await page.getByTestId('sim-speed').selectOption('20');
	await page.getByTestId('sim-play').click();
	await page.waitForFunction(
		() =>
			document.querySelector('[data-testid="sim-play"]')?.getAttribute('aria-pressed') === 'false',
		null,
		{ timeout: 30000 }
	);
}

for (const tab of TABS) {
	describe(`${tab.slug}: the DStream tab's driver restart`, () => {
		let browser;
		let context;
		let page;
		const errors = [];
		const programs = [];
		before(async () => {
			browser = await launch();
			context = await browser.newContext({ viewport: VIEWPORTS.laptop });
			page = await openPage(context, `/questions/${tab.slug}`, errors);
			await page.getByTestId(tab.main).waitFor();
			await page.getByTestId('api-dstream').click();
			await page.getByTestId('sim-dstream').waitFor();
			await settled(page);
		});
		after(async () => browser?.close());

		it('draws the restart at once and plays every preset to the end with its story', async () => {
			// The restart strip is on screen from the first frame: the idea without pressing play.
			await page.getByTestId('dstream-restart').waitFor();
			// The default plays through (the animation path); the presets' stories are read at the
			// same last frame, reached by the End key rather than seconds of playing at 20x.
			await playToEnd(page);
			programs.push({ name: 'default', code: await programText(page) });
			for (const [preset, story] of Object.entries(tab.stories)) {
				await page.getByTestId(`preset-${preset}`).click();
				await endKey(page);
				assert.match(
					await page.getByTestId('dstream-restart-summary').textContent(),
					story,
					preset
				);
				programs.push({ name: preset, code: await programText(page) });
			}
			assert.deepEqual(errors, []);
		});

		it('the write-ahead log control rewrites the program', async () => {
			await page.getByTestId(`preset-${Object.keys(tab.stories)[1]}`).click();
			await settled(page);
			assert.match(await programText(page), /getOrCreate/);
			const wal = page.getByTestId('param-wal');
			const on = tab.slug.startsWith('basic-06') ? 'on' : 'true';
			await wal.selectOption(on);
			await settled(page);
			assert.match(await programText(page), /writeAheadLog\.enable", "true"/);
			assert.match(
				await page.getByTestId('dstream-restart-summary').textContent(),
				/read back from the write-ahead log/
			);
			assert.deepEqual(errors, []);
		});

		if (tab.refused) {
			it('a program Spark refuses shows its error and no run', async () => {
				await page.getByTestId(`preset-${tab.refused[0]}`).click();
				await settled(page);
				assert.match(await page.getByTestId('sim-error').textContent(), tab.refused[1]);
				programs.push({ name: tab.refused[0], code: await programText(page) });
			});
		}

		it('the program at every preset passes the PySpark stub check', () => {
			const dir = mkdtempSync(join(tmpdir(), `${tab.slug}-dstream-`));
			try {
				for (const p of programs) writeFileSync(join(dir, `${p.name}.py`), p.code);
				const r = spawnSync('bash', ['tools/pyspark-stubs/check.sh', dir], { encoding: 'utf8' });
				assert.equal(
					r.stdout.trim().split('\n').at(-1),
					`${programs.length} passed, 0 failed`,
					r.stdout + r.stderr
				);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		});
	});
}
