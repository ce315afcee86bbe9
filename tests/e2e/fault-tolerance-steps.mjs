// What the fault-tolerance page tests share (basic-14, advanced-04): a test id's text, the
// editor's text as rendered, and stepping the cursor to the end of the run.
export const text = async (page, id) =>
	((await page.getByTestId(id).first().textContent()) ?? '').trim();

export const editorText = async (page) =>
	((await page.getByTestId('code-editor').textContent()) ?? '').replace(/\u00a0/g, ' ');

export async function stepToEnd(page, max = 60) {
	for (let i = 0; i < max; i++) {
		const before = await text(page, 'sim-cursor');
		await page.getByTestId('sim-step').click();
		if ((await text(page, 'sim-cursor')) === before) return;
	}
}
