/**
 * At most `limit` API requests of one node run under way at once (Options › Parallel Requests),
 * however the run's items and walks (listings asked for ahead) add up. A slot is held for one
 * request's round trip only, never while a caller waits for something else, so nothing can
 * wait on itself. Contexts without a limit (polls, pickers) send as they go.
 */
interface Slots {
	limit: number;
	running: number;
	waiting: Array<() => void>;
}
const slotsOf = new WeakMap<object, Slots>();

export function limitRequests(context: object, limit: number): void {
	slotsOf.set(context, { limit, running: 0, waiting: [] });
}

export async function inSlot<T>(context: object, send: () => Promise<T>): Promise<T> {
	const slots = slotsOf.get(context);
	if (!slots) return await send();
	if (slots.running < slots.limit) slots.running++;
	else await new Promise<void>((resolve) => slots.waiting.push(resolve)); // handed over by a finished request
	try {
		return await send();
	} finally {
		const next = slots.waiting.shift();
		if (next) next();
		else slots.running--;
	}
}
