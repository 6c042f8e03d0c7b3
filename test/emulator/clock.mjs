// The emulated clock: real time plus an offset that tests move forward. Token idle expiry,
// download-URL expiry and login lockouts all read it, never Date.now() directly.
import { sqlDateTime } from './php.mjs';

export function createClock() {
	let offsetMs = 0;
	return {
		now: () => Date.now() + offsetMs,
		advance(seconds) {
			const value = Number(seconds);
			if (!Number.isFinite(value) || value < 0) throw new Error('advanceSeconds must be a number >= 0');
			offsetMs += value * 1000;
		},
		reset() {
			offsetMs = 0;
		},
		offsetSeconds: () => offsetMs / 1000,
		dateTime() {
			return sqlDateTime(Date.now() + offsetMs);
		},
	};
}
