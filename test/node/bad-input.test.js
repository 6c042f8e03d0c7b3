// Bad input, one table: every row runs one operation against the emulator over real HTTP and says
// either how it must be refused (the error class, a message that names the parameter as the editor
// shows it and says what is wrong, and that nothing at all was sent, not even a login), or, for
// input that is only untidy (stray spaces, dots, quotes, a whole link), that it is accepted.
'use strict';

const { Cyberfile, startEmulator, harnessFor, seedTree, params, rl } = require('../support/setup');

let emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => await emulator.close());

const INPUT = 'NodeOperationError';
const API = 'NodeApiError';
const KEY = (c) => c.repeat(64);

/** A row that must be refused before any request. */
const refused = (message) => ({ error: INPUT, message, sent: [] });

/** A row whose input is tidied up and then works: `check(out, x)` looks at the output items. */
const accepted = (check) => ({ check });

/** An item carrying `content` as binary data under `property`. */
const binary = (content, property = 'data', fileName = 'report.pdf') => async (h) => [
	await h.binaryItem(content, { fileName, mimeType: 'application/pdf', property }),
];

const idOf = (name) => (out, x) => expect(out[0].json.id).toBe(x.tree[name].id);
const namesOf = (out) => out.map((o) => o.json.name);

/**
 * Rows: `title`, `resource`, `operation`, `parameters(x)` (x: { tree, origin, host }), and
 * optionally `credentials(x)` (stored credential data over the demo login), `emulator` (reset
 * options), `items(h)`; then either `error` + `message` (+ `sent`: the endpoints that may be
 * called, [] = none at all) or `check`.
 */
const CASES = [
	// ---- File ids: untidy ones are accepted, anything else is refused before anything is sent
	{ title: 'File: empty (the picker default)', resource: 'file', operation: 'get', parameters: () => ({ fileId: rl('', 'list') }), ...refused(/^Parameter "File" is empty/) },
	{ title: 'File: spaces only', resource: 'file', operation: 'get', parameters: () => ({ fileId: rl('   ') }), ...refused(/^Parameter "File" is empty/) },
	{ title: 'File: letters', resource: 'file', operation: 'get', parameters: () => ({ fileId: rl('latest') }), ...refused(/^Parameter "File" "latest" is not a file id: ids are whole numbers/) },
	{ title: 'File: negative', resource: 'file', operation: 'get', parameters: () => ({ fileId: rl('-5') }), ...refused(/^Parameter "File" "-5" is not a file id: ids are whole numbers/) },
	{ title: 'File: decimal', resource: 'file', operation: 'get', parameters: () => ({ fileId: rl('12.5') }), ...refused(/^Parameter "File" "12\.5" is not a file id/) },
	{ title: 'File: zero', resource: 'file', operation: 'delete', parameters: () => ({ fileId: rl('0') }), ...refused(/^Parameter "File" "0" is not a file id: ids are whole numbers from 1/) },
	{ title: 'File: two ids', resource: 'file', operation: 'delete', parameters: () => ({ fileId: rl('12 13') }), ...refused(/^Parameter "File" "12 13" is not a file id/) },
	{ title: 'File: 25 digits', resource: 'file', operation: 'get', parameters: () => ({ fileId: rl('1'.repeat(25)) }), ...refused(/^Parameter "File" "1{25}" is too long to be a file id/) },
	{ title: 'File: a decimal from an expression', resource: 'file', operation: 'get', parameters: () => ({ fileId: rl('={{ 7 / 2 }}') }), ...refused(/^Parameter "File" "3\.5" is not a file id/) },
	{ title: 'File: an object from an expression', resource: 'file', operation: 'get', parameters: () => ({ fileId: rl('={{ { a: 1 } }}') }), ...refused(/^Parameter "File" must be one id or link, not an object \(\{"a":1\}\)/) },
	{ title: 'File: an array from an expression', resource: 'file', operation: 'getDownloadUrl', parameters: (x) => ({ fileId: rl(`={{ [${x.tree.a.id}] }}`) }), ...refused(/^Parameter "File" must be one id or link, not a list/) },
	{ title: 'File: "root" is only a folder', resource: 'file', operation: 'get', parameters: () => ({ fileId: rl('root') }), ...refused(/^Parameter "File" "root" is not a file id/) },
	{ title: 'File: id with spaces and a trailing dot', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(` ${x.tree.a.id}. `) }), ...accepted(idOf('a')) },
	{ title: 'File: id with tabs, newline and dots', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(`\t${x.tree.a.id}...\n`) }), ...accepted(idOf('a')) },
	{ title: 'File: quoted id with a "#"', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(`"#${x.tree.march.id}",`) }), ...accepted(idOf('march')) },
	{ title: 'File: id with leading zeros', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(`00${x.tree.a.id}`) }), ...accepted(idOf('a')) },
	{ title: 'File: a number from an expression', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(`={{ ${x.tree.a.id} }}`) }), ...accepted(idOf('a')) },

	// ---- File links: links of the credential's site are accepted, others refused
	{ title: 'File: the file link', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(x.tree.march.url_file, 'url') }), ...accepted(idOf('march')) },
	{ title: 'File: the file link in <>, with a trailing dot', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(`<${x.tree.a.url_file}>.`, 'url') }), ...accepted(idOf('a')) },
	{ title: 'File: the info-page link (~i) with the name', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(`${x.tree.a.url_file}~i/a.txt`, 'url') }), ...accepted(idOf('a')) },
	{ title: 'File: the file link without its scheme', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(`${x.host}/${x.tree.a.shortUrl}`, 'url') }), ...accepted(idOf('a')) },
	{ title: 'File: a link to another site', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(`https://example.com/${x.tree.a.shortUrl}`, 'url') }), ...refused(/^Parameter "File" is a link to example\.com, but this credential's site is 127\.0\.0\.1/) },
	{ title: 'File: a link to another site, in an expression', resource: 'file', operation: 'delete', parameters: () => ({ fileId: rl('={{ "https://files.example.org/abc1" }}') }), ...refused(/^Parameter "File" is a link to files\.example\.org/) },
	{ title: 'File: a folder link', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(x.tree.invoices.url_folder, 'url') }), ...refused(/^Parameter "File" is a folder link, but a file is expected here/) },
	{ title: 'File: the site itself, no file in it', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(`${x.origin}/`, 'url') }), ...refused(/^Parameter "File" ".*" is not a Cyberfile file link/) },
	{ title: 'File: an ftp link', resource: 'file', operation: 'get', parameters: () => ({ fileId: rl('ftp://cyberfile.me/abc1', 'url') }), ...refused(/^Parameter "File" "ftp:\/\/cyberfile\.me\/abc1" is not a file id/) },

	// ---- Folder ids and links
	{ title: 'Folder: letters', resource: 'folder', operation: 'list', parameters: () => ({ folderId: rl('abc') }), ...refused(/^Parameter "Folder" "abc" is not a folder id/) },
	{ title: 'Folder: negative', resource: 'folder', operation: 'get', parameters: () => ({ folderId: rl('-1') }), ...refused(/^Parameter "Folder" "-1" is not a folder id/) },
	{ title: 'Folder: decimal', resource: 'folder', operation: 'delete', parameters: () => ({ folderId: rl('4.2') }), ...refused(/^Parameter "Folder" "4\.2" is not a folder id/) },
	{ title: 'Folder: an object', resource: 'folder', operation: 'list', parameters: () => ({ folderId: rl('={{ { id: 1 } }}') }), ...refused(/^Parameter "Folder" must be one id or link, not an object/) },
	{ title: 'Folder: a link to another site', resource: 'folder', operation: 'get', parameters: (x) => ({ folderId: rl(`https://example.com/folder/${x.tree.invoices.id}/Invoices`, 'url') }), ...refused(/^Parameter "Folder" is a link to example\.com, but this credential's site is/) },
	{ title: 'Folder: a file link', resource: 'folder', operation: 'list', parameters: (x) => ({ folderId: rl(x.tree.a.url_file, 'url') }), ...refused(/^Parameter "Folder" ".*" is not a Cyberfile folder link/) },
	{ title: 'Folder: the root folder cannot be deleted', resource: 'folder', operation: 'delete', parameters: () => ({ folderId: rl('root', 'list') }), ...refused(/^Parameter "Folder" is the root folder \(or empty\): the root folder cannot be deleted/) },
	{ title: 'Folder: id with spaces and a trailing dot', resource: 'folder', operation: 'list', parameters: (x) => ({ folderId: rl(` ${x.tree.invoices.id}. `) }), ...accepted((out) => expect(namesOf(out)).toEqual(['2026'])) },
	{ title: 'Folder: "0" is the root folder', resource: 'folder', operation: 'list', parameters: () => ({ folderId: rl('0') }), ...accepted((out) => expect(namesOf(out)).toEqual(['Archive', 'Invoices', 'a.txt'])) },
	{ title: 'Folder: the folder link with a trailing slash', resource: 'folder', operation: 'get', parameters: (x) => ({ folderId: rl(`${x.tree.y2026.url_folder}/`, 'url') }), ...accepted(idOf('y2026')) },
	{ title: 'Destination Folder: a link to another site', resource: 'file', operation: 'move', parameters: (x) => ({ fileId: rl(x.tree.a.id), destinationFolderId: rl(`https://example.com/folder/${x.tree.archive.id}/Archive`, 'url') }), ...refused(/^Parameter "Destination Folder" is a link to example\.com/) },
	{ title: 'Destination Folder: an array', resource: 'file', operation: 'copy', parameters: (x) => ({ fileId: rl(x.tree.a.id), destinationFolderId: rl('={{ [1, 2] }}') }), ...refused(/^Parameter "Destination Folder" must be one id or link, not a list/) },
	{ title: 'Destination Folder: a file link', resource: 'file', operation: 'copy', parameters: (x) => ({ fileId: rl(x.tree.a.id), destinationFolderId: rl(x.tree.march.url_file, 'url') }), ...refused(/^Parameter "Destination Folder" ".*" is not a Cyberfile folder link/) },
	{ title: 'File of a move: a link to another site, with a good destination', resource: 'file', operation: 'move', parameters: () => ({ fileId: rl('https://example.com/abc1', 'url'), destinationFolderId: rl('root', 'list') }), ...refused(/^Parameter "File" is a link to example\.com/) },
	{ title: 'Update Fields > Folder: a link to another site', resource: 'file', operation: 'update', parameters: (x) => ({ fileId: rl(x.tree.a.url_file, 'url'), updateFields: { folderId: rl('https://example.com/folder/1/x', 'url') } }), ...refused(/^Parameter "Update Fields > Folder" is a link to example\.com/) },
	{ title: 'Update Fields > Parent Folder: letters', resource: 'folder', operation: 'update', parameters: (x) => ({ folderId: rl(x.tree.archive.id), updateFields: { parentFolderId: rl('archive') } }), ...refused(/^Parameter "Update Fields > Parent Folder" "archive" is not a folder id/) },

	// ---- Links in every form the site shows, and malformed ones (refused before any request)
	{ title: 'Folder: a folder link whose code is not 32 hex', resource: 'folder', operation: 'list', parameters: (x) => ({ folderId: rl(`${x.origin}/folder/7981db5ad231ce939e1ed9d02699bcdz/AccB`, 'url') }), ...refused(/^Parameter "Folder" ".*" is not a Cyberfile folder link \(expected https:\/\/<site>\/folder\/<code>\/<name>/) },
	{ title: 'Folder: a folder link without a code', resource: 'folder', operation: 'get', parameters: (x) => ({ folderId: rl(`${x.origin}/folder/`, 'url') }), ...refused(/^Parameter "Folder" ".*" is not a Cyberfile folder link/) },
	{ title: 'Folder: a real folder link of another site', resource: 'folder', operation: 'list', parameters: () => ({ folderId: rl('https://cyberfile.me/folder/7981db5ad231ce939e1ed9d02699bcd5/AccB', 'url') }), ...refused(/^Parameter "Folder" is a link to cyberfile\.me, but this credential's site is/) },
	{ title: 'Folder: the site link, upper-case code, no name, http, query and fragment', resource: 'folder', operation: 'get', parameters: (x) => ({ folderId: rl(`${x.origin}/folder/${x.tree.y2026.urlHash.toUpperCase()}?pt=abc#top`, 'url') }), ...accepted(idOf('y2026')) },
	{ title: 'Folder: a stale name after the code', resource: 'folder', operation: 'get', parameters: (x) => ({ folderId: rl(`${x.origin}/folder/${x.tree.archive.urlHash}/Old_Name/`, 'url') }), ...accepted(idOf('archive')) },
	{ title: 'File: the delete page link (~d?hash)', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(`${x.tree.a.url_file}~d?0123abcd`, 'url') }), ...accepted(idOf('a')) },
	{ title: 'File: the stats page (~s), www., a trailing slash', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(`http://www.${x.host}/${x.tree.march.shortUrl}~s/`, 'url') }), ...accepted(idOf('march')) },
	{ title: 'File: code and name, with a share token', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(`${x.tree.march.url_file}/march.pdf?pt=xyz`, 'url') }), ...accepted(idOf('march')) },
	{ title: 'File: a code with a dash', resource: 'file', operation: 'get', parameters: (x) => ({ fileId: rl(`${x.origin}/ab-c1`, 'url') }), ...refused(/^Parameter "File" ".*" is not a Cyberfile file link/) },

	// ---- Path mode
	{ title: 'Folder path: ".." in it', resource: 'folder', operation: 'list', parameters: () => ({ folderId: rl('Invoices/../2026', 'path') }), ...refused(/^Parameter "Folder" path "Invoices\/\.\.\/2026" must not contain "\.\."/) },
	{ title: 'Folder path: tags in it', resource: 'folder', operation: 'get', parameters: () => ({ folderId: rl('Invoices/<b>', 'path') }), ...refused(/^Parameter "Folder" path ".*" must not contain "<", ">"/) },
	{ title: 'Folder path: an object', resource: 'folder', operation: 'get', parameters: () => ({ folderId: rl('={{ { a: 1 } }}', 'path') }), ...refused(/^Parameter "Folder" must be one path, not an object/) },
	{ title: 'File path: empty', resource: 'file', operation: 'get', parameters: () => ({ fileId: rl('', 'path') }), ...refused(/^Parameter "File" is empty/) },
	{ title: 'File path: "/" is the root folder', resource: 'file', operation: 'get', parameters: () => ({ fileId: rl('/', 'path') }), ...refused(/^Parameter "File" path "\/" is the root folder, not a file/) },
	{ title: 'File path: ends with "/"', resource: 'file', operation: 'download', parameters: () => ({ fileId: rl('Invoices/2026/', 'path') }), ...refused(/^Parameter "File" path "Invoices\/2026\/" ends with "\/": it names a folder/) },
	{ title: 'File path of a copy, destination path with ".."', resource: 'file', operation: 'copy', parameters: () => ({ fileId: rl('a.txt', 'path'), destinationFolderId: rl('../x', 'path') }), ...refused(/^Parameter "Destination Folder" path "\.\.\/x" must not contain "\.\."/) },
	{ title: 'Folder path: a missing segment is named', resource: 'folder', operation: 'list', parameters: () => ({ folderId: rl('Invoices/2027/11', 'path') }), error: API, message: /^Parameter "Folder": folder "2027" not found in "Invoices"/, sent: ['authorize', 'account/info', 'folder/listing'] },
	{ title: 'Folder path: untidy, any case', resource: 'folder', operation: 'get', parameters: () => ({ folderId: rl(' /invoices//2026/ ', 'path') }), ...accepted(idOf('y2026')) },

	{ title: 'Folder: a path in the ID mode says which mode to choose', resource: 'folder', operation: 'list', parameters: () => ({ folderId: rl('invoices/2026') }), ...refused(/^Parameter "Folder" "invoices\/2026" is not a folder id: .* choose the "By Path" mode/) },
	// ---- Search
	{ title: 'Search: Limit 0', resource: 'fileFolder', operation: 'search', parameters: () => ({ query: '*.pdf', limit: 0 }), ...refused(/^Parameter "Limit" must be a whole number of at least 1/) },
	{ title: 'Search: an extension with a slash', resource: 'fileFolder', operation: 'search', parameters: () => ({ filter: { extensions: 'pdf, a/b' } }), ...refused(/^Parameter "Filter > Extensions" has "a\/b", which is not a file extension/) },
	{ title: 'Search: min size above max size', resource: 'fileFolder', operation: 'search', parameters: () => ({ filter: { minSize: 10, maxSize: 5 } }), ...refused(/^Parameters "Filter > Min Size \(Bytes\)" \(10\) and "Filter > Max Size \(Bytes\)" \(5\) leave no size/) },
	{ title: 'Search: a negative size', resource: 'fileFolder', operation: 'search', parameters: () => ({ filter: { minSize: -1 } }), ...refused(/^Parameter "Filter > Min Size \(Bytes\)" must be a whole number of bytes/) },
	{ title: 'Search: a pattern that is an object', resource: 'fileFolder', operation: 'search', parameters: () => ({ query: '={{ { q: 1 } }}' }), ...refused(/^Parameter "Name Pattern" must be text, not an object/) },
	{ title: 'Search: a folder link of another site', resource: 'fileFolder', operation: 'search', parameters: () => ({ folderId: rl('https://cyberfile.me/folder/7981db5ad231ce939e1ed9d02699bcd5/AccB', 'url') }), ...refused(/^Parameter "Search In" is a link to cyberfile\.me/) },
	{ title: 'Search: a bad folder path', resource: 'fileFolder', operation: 'search', parameters: () => ({ folderId: rl('a/../b', 'path') }), ...refused(/^Parameter "Search In" path "a\/\.\.\/b" must not contain "\.\."/) },

	// ---- Moving a folder into itself
	{ title: 'Destination Folder: the moved folder itself', resource: 'folder', operation: 'move', parameters: (x) => ({ folderId: rl(x.tree.archive.id), destinationFolderId: rl(`${x.tree.archive.id}.`) }), ...refused(/^Parameter "Destination Folder" is the folder itself \(\d+\): a folder cannot be moved into itself/) },
	{ title: 'Update Fields > Parent Folder: the folder itself, by link', resource: 'folder', operation: 'update', parameters: (x) => ({ folderId: rl(x.tree.invoices.id), updateFields: { parentFolderId: rl(x.tree.invoices.url_folder, 'url') } }), error: INPUT, message: /^Parameter "Update Fields > Parent Folder" is the folder itself/, sent: ['authorize', 'account/info', 'folder/listing'] },
	{ title: 'Destination Folder: a sub-folder of the moved folder (found by asking the site)', resource: 'folder', operation: 'move', parameters: (x) => ({ folderId: rl(x.tree.invoices.id), destinationFolderId: rl(x.tree.y2026.id) }), error: INPUT, message: /^Parameter "Destination Folder" names folder \d+, which is inside folder \d+: a folder cannot be moved into one of its own sub-folders/, sent: ['authorize', 'account/info', 'folder/info'] },

	// ---- Names
	{ title: 'Name: tags', resource: 'folder', operation: 'create', parameters: () => ({ name: '<b>Reports</b>' }), ...refused(/^Parameter "Name" must not contain "<" or ">"/) },
	{ title: 'Name: only spaces', resource: 'folder', operation: 'create', parameters: () => ({ name: ' \t ' }), ...refused(/^Parameter "Name" is empty/) },
	{ title: 'Name: a slash', resource: 'folder', operation: 'create', parameters: () => ({ name: 'invoices/2026' }), ...refused(/^Parameter "Name" must not contain "\/" or "\\"/) },
	{ title: 'Name: ".."', resource: 'folder', operation: 'create', parameters: () => ({ name: ' .. ' }), ...refused(/^Parameter "Name" must not be "\.\."/) },
	{ title: 'Name: 256 characters', resource: 'folder', operation: 'create', parameters: () => ({ name: 'x'.repeat(256) }), ...refused(/^Parameter "Name" is longer than 255 characters/) },
	{ title: 'Name: an array', resource: 'folder', operation: 'create', parameters: () => ({ name: '={{ ["a", "b"] }}' }), ...refused(/^Parameter "Name" must be text, not a list/) },
	{ title: 'Name: surrounding spaces are trimmed', resource: 'folder', operation: 'create', parameters: () => ({ name: '  Reports \n' }), ...accepted((out) => expect(out[0].json.name).toBe('Reports')) },
	{ title: 'Update Fields > Name: tags', resource: 'folder', operation: 'update', parameters: (x) => ({ folderId: rl(x.tree.archive.id), updateFields: { name: 'a<script>b' } }), ...refused(/^Parameter "Update Fields > Name" must not contain "<" or ">"/) },
	{ title: 'Update Fields > File Name: only spaces', resource: 'file', operation: 'update', parameters: (x) => ({ fileId: rl(x.tree.a.id), updateFields: { fileName: '    ' } }), ...refused(/^Parameter "Update Fields > File Name" is empty/) },
	{ title: 'Update Fields > File Name: a backslash', resource: 'file', operation: 'update', parameters: (x) => ({ fileId: rl(x.tree.a.id), updateFields: { fileName: 'a\\b.txt' } }), ...refused(/^Parameter "Update Fields > File Name" must not contain "\/" or "\\"/) },
	{ title: 'Update Fields > File Name: tags', resource: 'file', operation: 'update', parameters: (x) => ({ fileId: rl(x.tree.a.id), updateFields: { fileName: '<i>a</i>.txt' } }), ...refused(/^Parameter "Update Fields > File Name" must not contain "<" or ">"/) },
	{ title: 'Update Fields > File Name: an object', resource: 'file', operation: 'update', parameters: (x) => ({ fileId: rl(x.tree.a.id), updateFields: { fileName: '={{ { name: "a.txt" } }}' } }), ...refused(/^Parameter "Update Fields > File Name" must be text, not an object/) },
	{ title: 'Update Fields > MIME Type: no subtype', resource: 'file', operation: 'update', parameters: (x) => ({ fileId: rl(x.tree.a.id), updateFields: { mimeType: 'pdf' } }), ...refused(/^Parameter "Update Fields > MIME Type" must look like type\/subtype/) },
	{ title: 'Update Fields > MIME Type: an object', resource: 'file', operation: 'update', parameters: (x) => ({ fileId: rl(x.tree.a.id), updateFields: { mimeType: '={{ { type: "text" } }}' } }), ...refused(/^Parameter "Update Fields > MIME Type" must be text, not an object/) },

	// ---- Visibility and password
	{ title: 'Visibility: 3 from an expression', resource: 'folder', operation: 'create', parameters: () => ({ name: 'x', additionalFields: { visibility: '={{ 3 }}' } }), ...refused(/^Parameter "Additional Fields > Visibility" must be one of private, unlisted, public \(or 0, 1, 2\) \(got 3\)/) },
	{ title: 'Visibility: -1 from an expression', resource: 'folder', operation: 'update', parameters: (x) => ({ folderId: rl(x.tree.archive.id), updateFields: { visibility: '={{ -1 }}' } }), ...refused(/^Parameter "Update Fields > Visibility" must be one of private, unlisted, public/) },
	{ title: 'Visibility: a word that is not one', resource: 'folder', operation: 'create', parameters: () => ({ name: 'x', additionalFields: { visibility: '={{ "hidden" }}' } }), ...refused(/^Parameter "Additional Fields > Visibility" must be one of .* \(got "hidden"\)/) },
	{ title: 'Visibility: an object', resource: 'folder', operation: 'create', parameters: () => ({ name: 'x', additionalFields: { visibility: '={{ { public: true } }}' } }), ...refused(/^Parameter "Additional Fields > Visibility" must be one of/) },
	{ title: 'Visibility: the API code 2 means public', resource: 'folder', operation: 'create', parameters: () => ({ name: 'x', additionalFields: { visibility: '={{ 2 }}' } }), ...accepted((out) => expect(out[0].json.visibility).toBe('public')) },
	{ title: 'Visibility: " Unlisted " in any case', resource: 'folder', operation: 'update', parameters: (x) => ({ folderId: rl(x.tree.archive.id), updateFields: { visibility: ' Unlisted ' } }), ...accepted((out) => expect(out[0].json.visibility).toBe('unlisted')) },
	{ title: 'Password: an object', resource: 'folder', operation: 'create', parameters: () => ({ name: 'x', additionalFields: { password: '={{ { p: 1 } }}' } }), ...refused(/^Parameter "Additional Fields > Password" must be text, not an object/) },
	{ title: 'Password: empty', resource: 'folder', operation: 'update', parameters: (x) => ({ folderId: rl(x.tree.archive.id), updateFields: { password: '' } }), ...refused(/^Parameter "Update Fields > Password" is empty/) },
	{ title: 'Password and Remove Password together', resource: 'folder', operation: 'update', parameters: (x) => ({ folderId: rl(x.tree.invoices.id), updateFields: { password: 'sesame', removePassword: true } }), ...refused(/^Parameters "Update Fields > Password" and "Update Fields > Remove Password" contradict each other/) },
	{ title: 'Remove Password: not a boolean', resource: 'folder', operation: 'update', parameters: (x) => ({ folderId: rl(x.tree.invoices.id), updateFields: { removePassword: '={{ "yes" }}' } }), ...refused(/^Parameter "Update Fields > Remove Password" must be true or false \(got "yes"\)/) },

	// ---- Update Fields with nothing in them
	{ title: 'File update: Update Fields empty', resource: 'file', operation: 'update', parameters: (x) => ({ fileId: rl(x.tree.a.id), updateFields: {} }), ...refused(/^Parameter "Update Fields" is empty: add the file name, MIME type or folder/) },
	{ title: 'Folder update: Update Fields empty', resource: 'folder', operation: 'update', parameters: (x) => ({ folderId: rl(x.tree.archive.id), updateFields: {} }), ...refused(/^Parameter "Update Fields" is empty: add the name, parent folder, visibility or password/) },
	{ title: 'Folder update: only Remove Password off', resource: 'folder', operation: 'update', parameters: (x) => ({ folderId: rl(x.tree.archive.id), updateFields: { removePassword: false } }), ...refused(/^Parameter "Update Fields" is empty/) },

	// ---- List: Limit, Return All and Options
	{ title: 'Limit: 0', resource: 'folder', operation: 'list', parameters: () => ({ limit: 0 }), ...refused(/^Parameter "Limit" must be a whole number of at least 1 \(got 0\)/) },
	{ title: 'Limit: negative', resource: 'folder', operation: 'list', parameters: () => ({ limit: -5 }), ...refused(/^Parameter "Limit" must be a whole number of at least 1 \(got -5\)/) },
	{ title: 'Limit: not a whole number', resource: 'folder', operation: 'list', parameters: () => ({ limit: 2.5 }), ...refused(/^Parameter "Limit" must be a whole number of at least 1 \(got 2\.5\)/) },
	{ title: 'Limit: a word', resource: 'folder', operation: 'list', parameters: () => ({ limit: '={{ "ten" }}' }), ...refused(/^Parameter "Limit" must be a whole number of at least 1 \(got "ten"\)/) },
	{ title: 'Limit: an object', resource: 'folder', operation: 'list', parameters: () => ({ limit: '={{ { n: 2 } }}' }), ...refused(/^Parameter "Limit" must be a whole number of at least 1 \(got \{"n":2\}\)/) },
	{ title: 'Limit: huge is fine (all entries)', resource: 'folder', operation: 'list', parameters: () => ({ limit: 1e12 }), ...accepted((out) => expect(namesOf(out)).toEqual(['Archive', 'Invoices', 'a.txt'])) },
	{ title: 'Limit: a number as text', resource: 'folder', operation: 'list', parameters: () => ({ limit: '={{ " 2 " }}' }), ...accepted((out) => expect(namesOf(out)).toEqual(['Archive', 'Invoices'])) },
	{ title: 'Return All: not a boolean', resource: 'folder', operation: 'list', parameters: () => ({ returnAll: '={{ "all" }}' }), ...refused(/^Parameter "Return All" must be true or false \(got "all"\)/) },
	{ title: 'Options > Include: not one of the choices', resource: 'folder', operation: 'list', parameters: () => ({ options: { include: 'everything' } }), ...refused(/^Parameter "Options > Include" must be one of filesAndFolders, files, folders \(got "everything"\)/) },
	{ title: 'Options > Include: a list', resource: 'folder', operation: 'list', parameters: () => ({ options: { include: '={{ ["files"] }}' } }), ...refused(/^Parameter "Options > Include" must be one of .* \(got \["files"\]\)/) },
	{ title: 'Options > Recursive: not a boolean', resource: 'folder', operation: 'list', parameters: () => ({ options: { recursive: '={{ "yes" }}' } }), ...refused(/^Parameter "Options > Recursive" must be true or false \(got "yes"\)/) },
	{ title: 'Options > Include Trashed: "true" as text is true', resource: 'folder', operation: 'list', parameters: () => ({ options: { includeTrashed: '={{ "true" }}', include: 'folders' } }), ...accepted((out) => expect(namesOf(out)).toEqual(['Archive', 'Invoices', 'Old'])) },

	// ---- Upload
	{ title: 'Upload: an item without binary data', resource: 'file', operation: 'upload', parameters: () => ({}), items: async () => [{ json: { a: 1 } }], ...refused(/^Parameter "Input Binary Field" is "data", but the item has no binary data at all/) },
	{ title: 'Upload: a binary field of another name', resource: 'file', operation: 'upload', parameters: () => ({ binaryPropertyName: 'attachment' }), items: binary(Buffer.from('pdf')), ...refused(/^Parameter "Input Binary Field" is "attachment", but the item has no binary field of that name \(it has: data\)/) },
	{ title: 'Upload: an unknown conflict choice from an expression', resource: 'file', operation: 'upload', parameters: () => ({ options: { onConflict: 'overwrite' } }), items: binary(Buffer.from('pdf')), ...refused(/^Parameter "Options > If a File Has the Same Name" must be one of keepBoth, replace, skip, fail \(got "overwrite"\)/) },
	{ title: 'Upload: Verify Checksum "yes"', resource: 'file', operation: 'upload', parameters: () => ({ options: { verifyChecksum: 'yes' } }), items: binary(Buffer.from('pdf')), ...refused(/^Parameter "Options > Verify Checksum" must be true or false \(got "yes"\)/) },
	{ title: 'Upload: an empty Input Binary Field', resource: 'file', operation: 'upload', parameters: () => ({ binaryPropertyName: '  ' }), items: binary(Buffer.from('pdf')), ...refused(/^Parameter "Input Binary Field" is empty/) },
	{ title: 'Upload: a folder link of another site', resource: 'file', operation: 'upload', parameters: () => ({ folderId: rl('https://example.com/folder/12/x', 'url') }), items: binary(Buffer.from('pdf')), ...refused(/^Parameter "Folder" is a link to example\.com/) },
	{ title: 'Upload: a zero-byte file', resource: 'file', operation: 'upload', parameters: () => ({}), items: binary(Buffer.alloc(0)), ...refused(/^Parameter "Input Binary Field": the file "report\.pdf" is empty \(0 bytes\)/) },
	{ title: 'Upload: a file over max_upload_size', resource: 'file', operation: 'upload', parameters: () => ({}), emulator: { maxUploadSize: 10 }, items: binary(Buffer.alloc(11, 1)), error: API, message: /^Parameter "Input Binary Field": the file "report\.pdf" is 11 bytes, more than the 10 bytes your Cyberfile package allows per upload/, sent: ['authorize', 'account/info', 'account/package'] },
	{ title: 'Upload: Options > File Name with tags', resource: 'file', operation: 'upload', parameters: () => ({ options: { fileName: '<b>x</b>.pdf' } }), items: binary(Buffer.from('pdf')), ...refused(/"Options > File Name" must not contain "<" or ">"/) },
	{ title: 'Upload: Options > File Name of spaces', resource: 'file', operation: 'upload', parameters: () => ({ options: { fileName: '   ' } }), items: binary(Buffer.from('pdf')), ...refused(/"Options > File Name" is empty/) },
	{ title: 'Upload: Options > File Name with a slash', resource: 'file', operation: 'upload', parameters: () => ({ options: { fileName: 'a/b.pdf' } }), items: binary(Buffer.from('pdf')), ...refused(/"Options > File Name" must not contain "\/" or "\\"/) },
	{ title: 'Upload: Options > Folder Path with ".."', resource: 'file', operation: 'upload', parameters: () => ({ options: { folderPath: 'a/../b' } }), items: binary(Buffer.from('pdf')), ...refused(/"Options > Folder Path" must not contain "\.\."/) },
	{ title: 'Upload: Folder that is a decimal', resource: 'file', operation: 'upload', parameters: () => ({ folderId: rl('1.5') }), items: binary(Buffer.from('pdf')), ...refused(/^Parameter "Folder" "1\.5" is not a folder id/) },

	// ---- The credential: base URL, API keys, account details
	{ title: 'Base URL: a trailing slash', resource: 'account', operation: 'getInfo', parameters: () => ({}), credentials: (x) => ({ baseUrl: `${x.apiBase}//` }), ...accepted((out) => expect(out[0].json.username).toBe('demo')) },
	{ title: 'Base URL: spaces around it', resource: 'account', operation: 'getInfo', parameters: () => ({}), credentials: (x) => ({ baseUrl: ` ${x.apiBase}/ ` }), ...accepted((out) => expect(out[0].json.username).toBe('demo')) },
	{ title: 'Base URL: no scheme means https', resource: 'account', operation: 'getInfo', parameters: () => ({}), credentials: (x) => ({ baseUrl: x.apiBase.replace('http://', '') }), error: API, message: /^Could not reach https:\/\/127\.0\.0\.1:\d+\/api\/v2 to log in/, sent: [] },
	{ title: 'Base URL: a path and a query', resource: 'account', operation: 'getInfo', parameters: () => ({}), credentials: (x) => ({ baseUrl: `${x.apiBase}?lang=en` }), ...refused(/^Credential "Base URL" must not contain a query string or a fragment \("\?lang=en"\)/) },
	{ title: 'Base URL: a fragment', resource: 'account', operation: 'getPackage', parameters: () => ({}), credentials: (x) => ({ baseUrl: `${x.apiBase}#v2` }), ...refused(/^Credential "Base URL" must not contain a query string or a fragment \("#v2"\)/) },
	{ title: 'Base URL: another scheme', resource: 'account', operation: 'getInfo', parameters: () => ({}), credentials: () => ({ baseUrl: 'ftp://api.cyberfile.me/api/v2' }), ...refused(/^Credential "Base URL" must start with https:\/\/ \(got "ftp:\/\/api\.cyberfile\.me\/api\/v2"\)/) },
	{ title: 'Base URL: a space in the host', resource: 'account', operation: 'getInfo', parameters: () => ({}), credentials: () => ({ baseUrl: 'https://api.cyber file.me/api/v2' }), ...refused(/^Credential "Base URL" is not a valid URL/) },
	{ title: 'Key 1: 63 characters', resource: 'account', operation: 'getInfo', parameters: () => ({}), emulator: { mode: 'apiKeys' }, credentials: () => ({ authMethod: 'apiKeys', key1: 'A'.repeat(63), key2: KEY('B') }), error: INPUT, message: /^Credential "Key 1" must be exactly 64 characters long \(it has 63\)/, sent: [] },
	{ title: 'Key 2: a symbol in it', resource: 'account', operation: 'getInfo', parameters: () => ({}), emulator: { mode: 'apiKeys' }, credentials: () => ({ authMethod: 'apiKeys', key1: KEY('A'), key2: `${'B'.repeat(63)}!` }), error: INPUT, message: /^Credential "Key 2" must contain only letters and digits \(it has "!"\)/, sent: [] },
	{ title: 'Key 1: empty', resource: 'account', operation: 'getInfo', parameters: () => ({}), emulator: { mode: 'apiKeys' }, credentials: () => ({ authMethod: 'apiKeys', key1: '', key2: KEY('B') }), error: INPUT, message: /^Credential "Key 1" is empty/, sent: [] },
	{ title: 'Keys with spaces and a line break around them', resource: 'account', operation: 'getInfo', parameters: () => ({}), emulator: { mode: 'apiKeys' }, credentials: () => ({ authMethod: 'apiKeys', key1: ` ${KEY('A')}\n`, key2: `\t${KEY('B')} ` }), ...accepted((out) => expect(out[0].json.username).toBe('demo')) },
	{ title: 'Username: empty', resource: 'account', operation: 'getInfo', parameters: () => ({}), credentials: () => ({ username: '' }), error: INPUT, message: /^Credential "Username" is empty/, sent: [] },
	{ title: 'Username: spaces only', resource: 'account', operation: 'getInfo', parameters: () => ({}), credentials: () => ({ username: '   ' }), error: INPUT, message: /^Credential "Username" is empty/, sent: [] },
	{ title: 'Password: empty', resource: 'account', operation: 'getInfo', parameters: () => ({}), credentials: () => ({ password: '' }), error: INPUT, message: /^Credential "Password" is empty/, sent: [] },
	{ title: 'Authentication: not one of the choices', resource: 'account', operation: 'getInfo', parameters: () => ({}), credentials: () => ({ authMethod: 'oauth2' }), error: INPUT, message: /^Credential "Authentication" must be "accountDetails" or "apiKeys" \(got "oauth2"\)/, sent: [] },
	{ title: 'Username: spaces around it', resource: 'account', operation: 'getInfo', parameters: () => ({}), credentials: () => ({ username: '  demo ' }), ...accepted((out) => expect(out[0].json.username).toBe('demo')) },
];

test.each(CASES)('$title', async (row) => {
	await emulator.control.reset(row.emulator ?? {});
	const tree = await seedTree(emulator);
	const origin = emulator.apiBase.replace(/\/api\/v2$/, '');
	const x = { tree, origin, apiBase: emulator.apiBase, host: new URL(origin).host };
	const h = harnessFor(emulator, row.credentials?.(x) ?? {}, { credentialId: `bad-input-${CASES.indexOf(row)}` });
	const items = row.items ? await row.items(h) : undefined;
	await emulator.control.clearLog();

	const run = h.execute(Cyberfile, { parameters: params(row.resource, row.operation, row.parameters(x)), items });
	if (row.check) {
		const [out] = await run;
		row.check(out, x);
		return;
	}
	const error = await run.then(
		() => {
			throw new Error('expected the execution to fail');
		},
		(e) => e,
	);
	expect({ class: error.constructor.name, message: error.message }).toEqual({ class: row.error, message: expect.stringMatching(row.message) });
	const endpoints = [...new Set((await emulator.control.log()).map((entry) => entry.endpoint))];
	expect(endpoints.filter((endpoint) => !row.sent.includes(endpoint))).toEqual([]);
});
