import type { INodeProperties } from 'n8n-workflow';


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
				action: 'Delete a folder and everything in it by moving it to the trash',
			},
			{ name: 'Get', value: 'get', description: "Get a folder's details", action: 'Get the details of a folder' },
			{
				name: 'List',
				value: 'list',
				description: "List a folder's files and sub-folders",
				action: 'List the files and subfolders of a folder',
			},
			{ name: 'Move', value: 'move', description: 'Move a folder into another folder', action: 'Move a folder into another folder' },
			{
				name: 'Update',
				value: 'update',
				description: "Rename a folder, move it, or change its visibility or password",
				action: 'Update a folder to rename or move it or change its visibility or password',
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
];
