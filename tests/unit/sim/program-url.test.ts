import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';
import { defaultParams } from '../../../simulations/core/params';
import { decodeProgram, encodeProgram, MAX_CODE_CHARS } from '../../../src/lib/sim/program-url';

const value = (code: string) => {
	const e = encodeProgram(code);
	if (!e.ok) throw new Error(e.reason);
	return e.value;
};

describe('encodeProgram / decodeProgram', () => {
	it('round-trips every event-time page’s program, with room to spare in a link', () => {
		for (const s of Object.values(EVENT_TIME_SCENARIOS)) {
			const code =
				s.program(s.constrain(defaultParams(s.schema)).params) + '\n# my edit: “naïve” → ✓\n';
			const v = value(code);
			expect(v).toMatch(/^[A-Za-z0-9_-]+$/);
			expect(v.length).toBeLessThan(MAX_CODE_CHARS / 2);
			expect(decodeProgram(v)).toEqual({ ok: true, code });
		}
	});

	it('matches RFC 4648 base64url without padding', () => {
		expect(value('f')).toBe('Zg');
		expect(value('fo')).toBe('Zm8');
		expect(value('foo')).toBe('Zm9v');
		expect(value('\u00ff\u00fe?')).toBe(Buffer.from('\u00ff\u00fe?').toString('base64url'));
	});

	it('refuses a program longer than a link holds', () => {
		const r = encodeProgram('x = 1\n'.repeat(1000));
		expect(r.ok).toBe(false);
	});

	it('refuses malformed values with a notice naming the key', () => {
		for (const raw of ['!!', 'a', 'ab=c', '%%%', '', '_w', 'A'.repeat(MAX_CODE_CHARS + 1)]) {
			const r = decodeProgram(raw);
			expect(r.ok, raw).toBe(false);
			if (!r.ok)
				expect(r.notice).toMatch(
					/^The program in the link \(“code”\) .*; showing the page’s program instead\.$/
				);
		}
		// Bytes that are not UTF-8 (a lone continuation byte).
		expect(decodeProgram(Buffer.from([0x80, 0x41]).toString('base64url')).ok).toBe(false);
	});

	it('any text round-trips; any string decodes or is refused, never throws (property)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }), (code) => {
				fc.pre(code.trim() !== '');
				expect(decodeProgram(value(code))).toEqual({ ok: true, code });
			}),
			{ seed: 11, numRuns: 300 }
		);
		fc.assert(
			fc.property(
				fc.oneof(fc.string({ maxLength: 120 }), fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/)),
				(raw) => {
					const r = decodeProgram(raw);
					if (r.ok) expect(Buffer.from(raw, 'base64url').toString('utf8')).toBe(r.code);
					else expect(r.notice.length).toBeGreaterThan(0);
				}
			),
			{ seed: 12, numRuns: 300 }
		);
	});
});
