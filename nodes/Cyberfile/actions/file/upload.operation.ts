import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { folderLocator } from '../../descriptions/locators';
import { parallelRequestsOption } from '../../descriptions/parallel';
import { readBinaryInput } from '../../helpers/binaryInput';
import { destinationFolder, parseFolderPath, sameNamedFiles } from '../../helpers/destination';
import { oneAtATime } from '../../helpers/executionCache';
import { checkedName } from '../../helpers/names';
import { toFile } from '../../helpers/shape';
import { resolveFolderField } from '../../helpers/target';
import { getTarget } from '../../helpers/locator';
import { booleanValue, choiceValue, itemOptions, itemShape, requiredText } from '../../helpers/values';
import { includeRawFieldsOption } from '../../descriptions/itemOptions';
import { replaceFiles, uploadFile } from '../../helpers/upload';
import { checkUploadSize } from '../../helpers/uploadLimit';
import { apiError, inputError } from '../../transport';
import { showFor } from '../common';

const show = showFor('file', ['upload']);

export const description: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: show,
		hint: 'The name of the input binary field containing the file to be uploaded',
	},
	folderLocator({
		displayName: 'Folder',
		name: 'folderId',
		displayOptions: show,
		description: 'The folder to upload into: pick it (or the root folder), paste its link, or give its numeric ID',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "The name to store the file under, extension included. Default: the binary data's file name.",
			},
			{
				displayName: 'Folder Path',
				name: 'folderPath',
				type: 'string',
				default: '',
				placeholder: 'invoices/2026/11',
				description: 'Folders below the chosen folder to upload into, separated by "/"; the missing ones are created',
			},
			{
				displayName: 'If a File Has the Same Name',
				name: 'onConflict',
				type: 'options',
				default: 'keepBoth',
				options: [
					{
						name: 'Fail',
						value: 'fail',
						description: 'Stop with an error; nothing is uploaded',
					},
					{
						name: 'Keep Both',
						value: 'keepBoth',
						description: 'Upload it; the site names the new file "name (2).ext"',
					},
					{
						name: 'Replace',
						value: 'replace',
						description: 'Upload it, then move the old file to the trash and give the new one its name',
					},
					{
						name: 'Skip',
						value: 'skip',
						description: 'Upload nothing and output the file already there',
					},
				],
			},
			parallelRequestsOption,
			{
				displayName: 'Verify Checksum',
				name: 'verifyChecksum',
				type: 'boolean',
				default: true,
				description: "Whether to compare the MD5 of the bytes sent with the MD5 the site computed, and fail when they differ",
			},
			includeRawFieldsOption,
		],
	},
];

const ON_CONFLICT = ['keepBoth', 'replace', 'skip', 'fail'] as const;
type OnConflict = (typeof ON_CONFLICT)[number];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const propertyName = requiredText(this, this.getNodeParameter('binaryPropertyName', itemIndex), 'Input Binary Field', itemIndex);
	const options = itemOptions(this, itemIndex);
	const onConflict = choiceValue<OnConflict>(this, options.onConflict ?? 'keepBoth', ON_CONFLICT, 'Options > If a File Has the Same Name', itemIndex);
	const shape = itemShape(this, itemIndex, options);
	const verifyChecksum = booleanValue(this, options.verifyChecksum, 'Options > Verify Checksum', itemIndex, true);
	const input = await readBinaryInput(this, itemIndex, propertyName);
	if (!options.fileName && !input.fileName) {
		throw inputError(this.getNode(), `The binary data in "${propertyName}" has no file name: set Options > File Name`, itemIndex);
	}
	const name = checkedName(this, options.fileName || input.fileName, options.fileName ? 'Options > File Name' : 'file name of the binary data', itemIndex);
	const folderTarget = getTarget(this, 'folderId', 'folder', itemIndex, 'Folder');
	const path = parseFolderPath(this, options.folderPath, itemIndex);

	const folder = await resolveFolderField(this, 'folderId', itemIndex, 'location', 'Folder', folderTarget);
	await checkUploadSize(this, input.size, name, itemIndex);
	const folderId = await destinationFolder(this, folder.target, path, itemIndex);
	const target = { name, folderId, verifyChecksum, itemIndex, shape };
	if (onConflict === 'keepBoth') return [{ json: await uploadFile(this, input, target) }];
	// Items with the same name in the same folder take turns: each one's check must see the file
	// the one before it stored.
	return await oneAtATime(this, `upload\n${folderId}\n${name.toLowerCase()}`, async () => {
		const existing = await sameNamedFiles(this, folderId, name, itemIndex);
		if (existing.length && onConflict === 'skip') return [{ json: { ...toFile(existing[0], shape), skipped: true } }];
		if (existing.length && onConflict === 'fail') {
			throw apiError(this.getNode(), `A file named "${name}" is already in the folder (file ${String(existing[0].id)})`, {
				itemIndex,
				failure: { cause: 'configuration-invalid' },
				description: 'Nothing was uploaded. Set Options > If a File Has the Same Name to choose another way.',
			});
		}
		const uploaded = await uploadFile(this, input, target);
		if (existing.length) return [{ json: await replaceFiles(this, uploaded, existing, target) }];
		return [{ json: uploaded }];
	});
}
