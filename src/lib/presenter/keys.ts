/**
 * The presenter's keyboard, as a pure table from a key to what it does, so the mapping is tested
 * without a browser. Space, arrows, + / − and r belong to the transport (they work outside
 * presenter mode too); these are the keys presenter mode adds.
 */
export type PresenterAction =
	'enter' | 'exit' | 'next-question' | 'previous-question' | 'step' | 'step-back' | 'notes';

export function presenterAction(key: string, presenting: boolean): PresenterAction | null {
	if (!presenting) return key === 'p' || key === 'P' ? 'enter' : null;
	switch (key) {
		case 'Escape':
			return 'exit';
		case 'n':
		case 'N':
			return 'next-question';
		case 'p':
		case 'P':
			return 'previous-question';
		// Presentation clickers send PageDown / PageUp.
		case 'PageDown':
			return 'step';
		case 'PageUp':
			return 'step-back';
		case 'a':
		case 'A':
			return 'notes';
		default:
			return null;
	}
}
