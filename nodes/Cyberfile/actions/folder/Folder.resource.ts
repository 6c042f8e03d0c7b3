import type { INodeProperties } from 'n8n-workflow';

import { collection } from '../../descriptions/collection';
import { parallelRequestsOption } from '../../descriptions/parallel';
import { showFor } from '../common';

import * as create from './create.operation';
import * as deleteFolder from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as move from './move.operation';
import * as update from './update.operation';

export { create, deleteFolder as delete, get, list, move, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['folder'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a folder', action: 'Create a folder' },
			{
				name: 'Delete',
				value: 'delete',
				description: 'Move a folder and everything in it to the trash',
				action: 'Delete a folder',
			},
			{ name: 'Get', value: 'get', description: "Get a folder's details", action: 'Get a folder' },
			{
				name: 'List',
				value: 'list',
				description: "List a folder's files and sub-folders",
				action: 'List a folder',
			},
			{ name: 'Move', value: 'move', description: 'Move a folder into another folder', action: 'Move a folder' },
			{
				name: 'Update',
				value: 'update',
				description: "Rename a folder, move it, or change its visibility or password",
				action: 'Update a folder',
			},
		],
		default: 'list',
	},
	...create.description,
	...list.description,
	...get.description,
	...update.description,
	...deleteFolder.description,
	...move.description,
	// Upload and List have Options of their own, with Parallel Requests among them.
	collection('Options', 'options', showFor('folder', ['create', 'get', 'update', 'delete', 'move']), [parallelRequestsOption], 'Add option'),
];
