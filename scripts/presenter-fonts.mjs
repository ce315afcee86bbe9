// node scripts/presenter-fonts.mjs [slug-filter]  (BASE_URL, default http://127.0.0.1:4317, serving build/)
// Presenter mode's readability check: opens every live question page at 1920x1080, enters
// presenter mode (p), and measures the on-screen size of every text in the simulation's view:
// an SVG text's font-size times the SVG's scale on screen (viewBox and CSS zoom), an HTML label's
// font-size times the zoom it is drawn at. Lists the texts under 16 px, grouped by page and
// element class, main visual ([data-main-visual]) first. Writes test-results/presenter-fonts.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { BASE, launch, SLUGS, settled } from '../tests/e2e/browser.mjs';

const MIN_PX = 16;
const filter = process.argv[2] ?? '';
const browser = await launch();
const report = {};
try {
	for (const slug of SLUGS.filter((s) => s.includes(filter))) {
		// A fresh context per page: presenter mode and its window sync stay with their page.
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		const page = await context.newPage();
		await page.goto(`${BASE}/questions/${slug}/`);
		if ((await page.locator('section.sim-panel').count()) === 0) {
			await context.close();
			continue;
		}
		try {
			await settled(page);
		} catch {
			console.log(`${slug}: not settled in 30 s (a loaded machine): measured as it is`);
		}
		await page.locator('body').click({ position: { x: 5, y: 5 } });
		await page.keyboard.press('p');
		try {
			await page.getByTestId('presenter-bar').waitFor({ timeout: 30000 });
		} catch {
			console.log(`${slug}: presenter mode did not open in 30 s: skipped`);
			report[slug] = null;
			await context.close();
			continue;
		}
		await page.waitForTimeout(400);
		report[slug] = await page.evaluate((min) => {
			const out = new Map();
			const view = document.querySelector('.sim-view');
			if (!view) return [];
			const seen = new Set();
			const consider = (el, px) => {
				if (px >= min || seen.has(el)) return;
				seen.add(el);
				const r = el.getBoundingClientRect();
				if (r.width === 0 || r.height === 0) return;
				const main = el.closest('[data-main-visual]') !== null;
				const where = el.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
				const cls = `${el.tagName.toLowerCase()}${el.getAttribute('class') ? '.' + el.getAttribute('class').trim().split(/\s+/)[0] : ''}`;
				const key = `${main ? 'main' : 'view'} ${where} ${cls}`;
				const e = out.get(key) ?? { main, where, element: cls, count: 0, px: px, example: '' };
				e.count++;
				e.px = Math.min(e.px, Math.round(px * 10) / 10);
				if (!e.example) e.example = (el.textContent ?? '').trim().slice(0, 40);
				out.set(key, e);
			};
			for (const t of view.querySelectorAll('svg text')) {
				if (!(t.textContent ?? '').trim()) continue;
				const svg = t.ownerSVGElement;
				const m = t.getScreenCTM();
				const ctm = svg?.getScreenCTM();
				// Screen px per user unit, zoom included (getBoundingClientRect is in screen px).
				const box = svg?.getBoundingClientRect();
				const vb = svg?.viewBox?.baseVal;
				let scale = m ? Math.hypot(m.a, m.b) : 1;
				if (box && vb && vb.width > 0 && ctm)
					scale = (box.width / vb.width) * (Math.hypot(m.a, m.b) / Math.hypot(ctm.a, ctm.b));
				consider(t, parseFloat(getComputedStyle(t).fontSize) * scale);
			}
			for (const el of view.querySelectorAll('*')) {
				if (el.closest('svg')) continue;
				const own = [...el.childNodes].some(
					(n) => n.nodeType === 3 && (n.textContent ?? '').trim()
				);
				if (!own || el.offsetHeight === 0) continue;
				// CSS zoom: the box on screen over its layout height.
				const zoom = el.getBoundingClientRect().height / el.offsetHeight || 1;
				consider(el, parseFloat(getComputedStyle(el).fontSize) * zoom);
			}
			return [...out.values()].sort((a, b) => Number(b.main) - Number(a.main) || a.px - b.px);
		}, MIN_PX);
		await context.close();
		const rows = report[slug];
		console.log(`${slug}: ${rows.length} groups under ${MIN_PX}px`);
		for (const r of rows)
			console.log(
				`  ${r.main ? 'MAIN' : 'view'} ${r.px}px ×${r.count} ${r.where} ${r.element} "${r.example}"`
			);
	}
} finally {
	await browser.close();
}
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/presenter-fonts.json', JSON.stringify(report, null, 1));
