import { sleep } from 'n8n-workflow';

import { cyberfileApiRequest } from './request';
import type { CyberfileContext } from './types';

/**
 * The site looks at an upload's token only once the whole body has arrived, and a token unused
 * for an hour is dead by then: a long upload would be refused at its end and sent again. While
 * such a request runs, the session is used every `everyMs` with a cheap `account/info` call,
 * which restarts the site's hour. A short request makes no such call.
 */
export const KEEP_ALIVE = { everyMs: 20 * 60_000, checkMs: 1000 };

/**
 * Runs `work` with the session kept in use. The extra calls never log in: a session found dead is
 * left to `work` itself, which renews it. Their failures are not `work`'s: they are ignored.
 */
export async function keepingSessionAlive<T>(context: CyberfileContext, work: () => Promise<T>): Promise<T> {
	let finished = false;
	const keepAlive = async () => {
		let last = Date.now();
		// A check a second (no cancellable timer is open to a verified package): it outlives
		// `work` by a second at most.
		while (!finished) {
			await sleep(Math.min(KEEP_ALIVE.checkMs, KEEP_ALIVE.everyMs));
			if (finished || Date.now() - last < KEEP_ALIVE.everyMs) continue;
			last = Date.now();
			await cyberfileApiRequest(context, { endpoint: 'account/info', idempotent: true, onDeadToken: 'answer', unlimited: true }).catch(() => undefined);
		}
	};
	void keepAlive();
	try {
		return await work();
	} finally {
		finished = true;
	}
}
