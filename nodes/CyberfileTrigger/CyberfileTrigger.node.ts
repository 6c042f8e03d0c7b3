import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { includeRawFieldsOption } from '../Cyberfile/descriptions/itemOptions';
import { folderLocator } from '../Cyberfile/descriptions/locators';
import { downloadFile } from '../Cyberfile/helpers/download';
import { booleanValue, choiceValue, includeRawFields, requiredText } from '../Cyberfile/helpers/values';
import { searchFolders } from '../Cyberfile/methods/listSearch';
import { EVENTS, pollEvents } from './poll';

export class CyberfileTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cyberfile Trigger',
		name: 'cyberfileTrigger',
		icon: { light: 'file:../../icons/cyberfile.svg', dark: 'file:../../icons/cyberfile.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{({ fileCreated: "New file", folderCreated: "New folder", fileDeleted: "File deleted" }[$parameter["event"]] || "New file") + " in " + ($parameter.toJSON().folderId?.cachedResultName || ([undefined, "", "root", "/"].includes($parameter["folderId"]) ? "/" : "folder " + $parameter["folderId"]))}}',
		description: 'Starts the workflow when a file or folder arrives in a Cyberfile folder, or a file is deleted',
		defaults: { name: 'Cyberfile Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cyberfileApi', required: true }],
		properties: [
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'File Created',
						value: 'fileCreated',
						description: 'A file is uploaded, copied or moved into the folder',
					},
					{
						name: 'File Deleted',
						value: 'fileDeleted',
						description: 'A file of the folder goes to the trash (deleted on the site or through the API)',
					},
					{
						name: 'Folder Created',
						value: 'folderCreated',
						description: 'A folder is created in the folder, or moved into it',
					},
				],
				default: 'fileCreated',
				required: true,
			},
			folderLocator({
				displayName: 'Folder',
				name: 'folderId',
				description: 'The folder to watch: pick it (or the root folder), paste its link, or give its numeric ID',
			}),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Include Subfolders',
						name: 'includeSubfolders',
						type: 'boolean',
						default: false,
						description:
							'Whether to watch every folder below the chosen one too (one listing call per folder per poll); items then carry the folder path',
					},
					{
						displayName: 'Download',
						name: 'download',
						type: 'boolean',
						default: false,
						description: "Whether to attach each new file to its item's binary data",
						displayOptions: { show: { '/event': ['fileCreated'] } },
					},
					{
						displayName: 'Put Output File in Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						hint: 'The name of the output binary field to put the file in',
						displayOptions: { show: { download: [true], '/event': ['fileCreated'] } },
					},
					includeRawFieldsOption,
				],
			},
		],
	};

	methods = { listSearch: { searchFolders } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = choiceValue(this, this.getNodeParameter('event', 'fileCreated'), EVENTS, 'Trigger On');
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const download = event === 'fileCreated' && booleanValue(this, options.download, 'Options > Download');
		const includeSubfolders = booleanValue(this, options.includeSubfolders, 'Options > Include Subfolders');
		const property = download ? requiredText(this, options.binaryPropertyName ?? 'data', 'Options > Put Output File in Field') : '';
		const attach = async (item: INodeExecutionData, info: IDataObject): Promise<INodeExecutionData> => ({
			...item,
			binary: { [property]: await downloadFile(this, String(item.json.id), undefined, info) },
		});
		return await pollEvents(this, {
			event,
			includeSubfolders,
			includeRawFields: includeRawFields(this, options),
			attach: download ? attach : undefined,
		});
	}
}
