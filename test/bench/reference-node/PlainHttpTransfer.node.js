// Benchmark-only n8n node (never shipped): the plain node:http client of ../plain-http.cjs running
// inside n8n, so that the benchmark can tell what any Node client pays in n8n's process (its
// binary store, its heap and garbage collector) from what the Cyberfile node adds. Loaded through
// N8N_CUSTOM_EXTENSIONS as `CUSTOM.plainHttpTransfer`. Upload: the input item's binary `data`, read
// from n8n's binary store, POSTed to /file/upload with the given session. Download: GET of `url`
// into the output item's binary `data` through n8n's prepareBinaryData.
'use strict';

const { plainGet, plainUpload } = require('../plain-http.cjs');

/** The chunk size the Cyberfile node reads n8n's binary store with. */
const READ_CHUNK_BYTES = 256 * 1024;

class PlainHttpTransfer {
	description = {
		displayName: 'Plain HTTP Transfer (benchmark)',
		name: 'plainHttpTransfer',
		group: ['transform'],
		version: 1,
		description: 'A plain node:http upload or download, for the benchmark',
		defaults: { name: 'Plain HTTP' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				options: [
					{ name: 'Upload', value: 'upload' },
					{ name: 'Download', value: 'download' },
				],
				default: 'upload',
			},
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Access Token', name: 'accessToken', type: 'string', default: '' },
			{ displayName: 'Account ID', name: 'accountId', type: 'string', default: '' },
		],
	};

	async execute() {
		const operation = this.getNodeParameter('operation', 0);
		const url = this.getNodeParameter('url', 0);
		if (operation === 'download') {
			const response = await plainGet(url);
			if (response.statusCode !== 200) throw new Error(`download: HTTP ${response.statusCode}`);
			const binary = await this.helpers.prepareBinaryData(response, 'download.bin', 'application/octet-stream');
			return [[{ json: { fileSize: binary.fileSize }, binary: { data: binary }, pairedItem: { item: 0 } }]];
		}
		const { id, fileName } = this.helpers.assertBinaryData(0, 'data');
		const { fileSize } = await this.helpers.getBinaryMetadata(id);
		const { md5, status, text } = await plainUpload({
			url,
			fields: { access_token: this.getNodeParameter('accessToken', 0), account_id: this.getNodeParameter('accountId', 0), folder_id: '' },
			fileField: 'upload_file',
			fileName: fileName ?? 'upload.bin',
			size: Number(fileSize),
			chunks: await this.helpers.getBinaryStream(id, READ_CHUNK_BYTES),
		});
		if (status !== 200) throw new Error(`upload: HTTP ${status} ${text.slice(0, 200)}`);
		return [[{ json: { ...JSON.parse(text).data[0], md5 }, pairedItem: { item: 0 } }]];
	}
}

module.exports = { PlainHttpTransfer };
