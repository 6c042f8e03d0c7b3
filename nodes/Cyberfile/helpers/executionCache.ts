/**
 * Values worked out once per node execution and shared by its items (the package's upload limit,
 * a folder path already found or created). n8n makes one context object per node execution, so
 * the cache hangs off it and goes away with it. A failed lookup is not kept: the next item tries
 * again.
 */
type PerRun = WeakMap<object, Map<string, Promise<unknown>>>;
const caches: PerRun = new WeakMap();

/** The map of one node run (context) in `maps`, made on first use. */
function mapOf(maps: PerRun, context: object): Map<string, Promise<unknown>> {
	let map = maps.get(context);
	if (!map) {
		map = new Map();
		maps.set(context, map);
	}
	return map;
}

export async function oncePerExecution<T>(context: object, key: string, compute: () => Promise<T>): Promise<T> {
	const cache = mapOf(caches, context);
	const known = cache.get(key) as Promise<T> | undefined;
	if (known) return await known;
	const pending = compute();
	cache.set(key, pending);
	pending.catch(() => cache.delete(key));
	return await pending;
}

const queues: PerRun = new WeakMap();

/**
 * Runs `work` once every earlier work of this node run with the same key has finished: items
 * that work on the same thing (an upload that checks for a same-named file, then replaces it)
 * take turns, while other items run in parallel.
 */
export async function oneAtATime<T>(context: object, key: string, work: () => Promise<T>): Promise<T> {
	const queue = mapOf(queues, context);
	const before = queue.get(key) ?? Promise.resolve();
	const mine = before.then(work, work);
	const settled = mine.catch(() => undefined);
	queue.set(key, settled);
	void settled.then(() => queue.get(key) === settled && queue.delete(key));
	return await mine;
}
