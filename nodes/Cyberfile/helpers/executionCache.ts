/**
 * Values worked out once per node execution and shared by its items (the package's upload limit,
 * a folder path already found or created). n8n makes one context object per node execution, so
 * the cache hangs off it and goes away with it. A failed lookup is not kept: the next item tries
 * again.
 */
const caches = new WeakMap<object, Map<string, Promise<unknown>>>();

export async function oncePerExecution<T>(context: object, key: string, compute: () => Promise<T>): Promise<T> {
	let cache = caches.get(context);
	if (!cache) {
		cache = new Map();
		caches.set(context, cache);
	}
	const known = cache.get(key) as Promise<T> | undefined;
	if (known) return await known;
	const pending = compute();
	cache.set(key, pending);
	pending.catch(() => cache.delete(key));
	return await pending;
}
