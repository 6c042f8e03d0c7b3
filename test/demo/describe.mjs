// One line that says what a Cyberfile node did, from the items it returned (for the demo's report).

const size = (bytes) => {
	const n = Number(bytes);
	if (!Number.isFinite(n)) return '? bytes';
	return n < 1024 ? `${n} bytes` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`;
};
const where = (folderId) => (folderId === null || folderId === undefined || folderId === 'root' ? 'the root folder' : `folder ${folderId}`);
const names = (items, most = 4) => {
	const shown = items.slice(0, most).map((item) => `${item.json.type === 'folder' ? '📁 ' : ''}${item.json.name ?? item.json.id}`);
	return shown.join(', ') + (items.length > most ? `, … (${items.length - most} more)` : '');
};

const byOperation = {
	'account.getInfo': ([item]) => `logged in as "${item.json.username}" <${item.json.email}>`,
	'account.getPackage': ([item]) => `account package "${item.json.label ?? item.json.level_type ?? '?'}", max upload ${size(item.json.max_upload_size)}`,
	'file.upload': (items, node) =>
		items
			.map(({ json }) => {
				const folderPath = node.parameters.options?.folderPath;
				const into = folderPath ? `folder "${folderPath}" (${json.folderId})` : where(json.folderId);
				return `uploaded "${json.name}" (${size(json.size)}) into ${into} as file ${json.id}${json.md5 ? ', MD5 verified' : ''}`;
			})
			.join('; '),
	'file.download': (items) =>
		items
			.map(({ binary }) => Object.entries(binary ?? {}).map(([field, b]) => `downloaded "${b.fileName}" (${b.fileSize ?? size(b.bytes)}, ${b.mimeType}) into binary field "${field}"`).join(', '))
			.join('; '),
	'folder.list': (items) => `listed ${items.length} item(s): ${names(items)}`,
	'file.get': (items) => items.map(({ json }) => `"${json.name}", ${size(json.size)}, in ${where(json.folderId)}`).join('; '),
	'file.getDownloadUrl': (items) => `${items.length} download link(s), e.g. ${items[0]?.json.downloadUrl ?? items[0]?.json.download_url ?? '?'}`,
};

/** `node`: the workflow node (its parameters say the resource and operation); `items`: its output. */
export function describeOperation(node, items) {
	const resource = node.parameters.resource ?? 'file';
	const operation = node.parameters.operation;
	const words = (name) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
	const label = `${words(resource)} › ${words(operation).replace(/ Url$/, ' URL')}`;
	const describe = byOperation[`${resource}.${operation}`];
	if (!items.length) return `${label}: no items`;
	const failed = items.filter((item) => item.json?.error);
	if (failed.length) return `${label}: ${failed.length} of ${items.length} item(s) failed: ${failed[0].json.error}`;
	return `${label}: ${describe ? describe(items, node) : `${items.length} item(s)`}`;
}
