import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as account from './actions/account/Account.resource';
import * as file from './actions/file/File.resource';
import * as fileFolder from './actions/fileFolder/FileFolder.resource';
import * as folder from './actions/folder/Folder.resource';
import { router } from './actions/router';
import { searchFiles, searchFolders } from './methods/listSearch';

export class Cyberfile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cyberfile',
		name: 'cyberfile',
		icon: { light: 'file:../../icons/cyberfile.svg', dark: 'file:../../icons/cyberfile.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Upload, download and manage files and folders on Cyberfile',
		defaults: { name: 'Cyberfile' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cyberfileApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'File', value: 'file' },
					{ name: 'File/Folder', value: 'fileFolder' },
					{ name: 'Folder', value: 'folder' },
				],
				default: 'file',
			},
			...account.description,
			...file.description,
			...fileFolder.description,
			...folder.description,
		],
	};

	methods = { listSearch: { searchFiles, searchFolders } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
