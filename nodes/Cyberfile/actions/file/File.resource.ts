import type { INodeProperties } from 'n8n-workflow';

import { collection } from '../../descriptions/collection';
import { parallelRequestsOption } from '../../descriptions/parallel';
import { showFor } from '../common';

import * as copy from './copy.operation';
import * as deleteFile from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getDownloadUrl from './getDownloadUrl.operation';
import * as move from './move.operation';
import * as update from './update.operation';
import * as upload from './upload.operation';

export { copy, deleteFile as delete, download, get, getDownloadUrl, move, update, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{ name: 'Copy', value: 'copy', description: 'Copy a file into a folder', action: 'Copy a file into a folder' },
			{
				name: 'Delete',
				value: 'delete',
				description: 'Move a file to the trash',
				action: 'Delete a file by moving it to the trash',
			},
			{
				name: 'Download',
				value: 'download',
				description: "Download a file into the item's binary data",
				action: 'Download a file as binary data',
			},
			{ name: 'Get', value: 'get', description: "Get a file's details", action: 'Get the details of a file such as name size and link' },
			{
				name: 'Get Download URL',
				value: 'getDownloadUrl',
				description: 'Get a link that downloads the file without logging in, valid for about 24 hours',
				action: 'Get a download link to share a file without login for about a day',
			},
			{ name: 'Move', value: 'move', description: 'Move a file into another folder', action: 'Move a file into another folder' },
			{
				name: 'Update',
				value: 'update',
				description: "Rename a file, change its MIME type or move it",
				action: 'Update a file to rename it or change its type or folder',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: "Upload the item's binary data as a file",
				action: 'Upload binary data as a file',
			},
		],
		default: 'upload',
	},
	...upload.description,
	...download.description,
	...getDownloadUrl.description,
	...get.description,
	...update.description,
	...deleteFile.description,
	...move.description,
	...copy.description,
	// The operations that return files have Options of their own, with Parallel Requests among them.
	collection('Options', 'options', showFor('file', ['download', 'getDownloadUrl']), [parallelRequestsOption], 'Add option'),
];
