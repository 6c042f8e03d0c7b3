import type { IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_PARALLEL_REQUESTS, MAX_PARALLEL_REQUESTS, parallelRequestsOption } from '../descriptions/parallel';
import { wholeNumberValue } from './values';

/** Options › Parallel Requests, read once for the run (the first item's value). */
export function parallelRequests(context: IExecuteFunctions): number {
	const value = context.getNodeParameter(`options.${parallelRequestsOption.name}`, 0, DEFAULT_PARALLEL_REQUESTS);
	return wholeNumberValue(context, value, 'Options > Parallel Requests', { min: 1, max: MAX_PARALLEL_REQUESTS }, 0);
}

/**
 * Runs `work(0)`, `work(1)`, … `work(count - 1)`, started in that order with at most `limit`
 * running at once, and resolves when every started one has finished. `work` must not reject.
 * Nothing new starts once `stop()` is true. (A few lines instead of a runtime dependency.)
 */
export async function forEachAtMost(
	count: number,
	limit: number,
	work: (index: number) => Promise<void>,
	stop: () => boolean = () => false,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count && !stop()) await work(next++);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
}
