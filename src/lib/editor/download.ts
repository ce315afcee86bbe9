/** `basic-01-stream-processing.py`, or `basic-02-pyspark-streaming-support.dstream.py` for an
 *  alternate program. */
export function fileNameFor(slug: string, programId: string): string {
	return programId === 'main' ? `${slug}.py` : `${slug}.${programId}.py`;
}

export function downloadText(name: string, text: string): void {
	const url = URL.createObjectURL(new Blob([text], { type: 'text/x-python' }));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
