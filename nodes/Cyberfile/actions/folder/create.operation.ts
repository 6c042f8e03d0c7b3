import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection } from '../../descriptions/collection';
import { passwordField, visibilityField } from '../../descriptions/folderFields';
import { folderLocator } from '../../descriptions/locators';
import { passwordValue, visibilityValue } from '../../helpers/folderFields';
import { checkDestination } from '../../helpers/folders';
import { checkedName } from '../../helpers/names';
import { toFolder } from '../../helpers/shape';
import { resolveFolderField } from '../../helpers/target';
import { getTarget } from '../../helpers/locator';
import { itemShape } from '../../helpers/values';
import { cyberfileApiData } from '../../transport';
import { itemOptions } from '../../descriptions/itemOptions';
import { showFor } from '../common';

const show = showFor('folder', ['create']);

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Invoices',
		description: 'The name of the new folder, without slashes or angle brackets',
		displayOptions: show,
	},
	folderLocator({
		displayName: 'Parent Folder',
		name: 'parentFolderId',
		description: 'The folder to create the new folder in: the root folder, or pick one, paste its link or give its ID',
		displayOptions: show,
	}),
	collection('Additional Fields', 'additionalFields', show, [
		passwordField('A password visitors must enter to open the folder. Type it in plain text: n8n sends the site its MD5 hash.'),
		visibilityField,
	]),
	itemOptions(show),
];

/** Creates a folder; the parent is checked first, since the site files an unknown parent silently. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const shape = itemShape(this, itemIndex);
	const name = checkedName(this, this.getNodeParameter('name', itemIndex, ''), 'Name', itemIndex);
	const parentTarget = getTarget(this, 'parentFolderId', 'folder', itemIndex, 'Parent Folder');
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const extra: IDataObject = {};
	if (additional.visibility !== undefined) {
		extra.is_public = visibilityValue(this, additional.visibility, 'Additional Fields > Visibility', itemIndex);
	}
	if (additional.password !== undefined) {
		extra.access_password = passwordValue(this, additional.password, 'Additional Fields > Password', itemIndex);
	}
	const parent = await resolveFolderField(this, 'parentFolderId', itemIndex, 'location', 'Parent Folder', parentTarget);
	const fields: IDataObject = { folder_name: name, parent_id: parent.value, ...extra };
	await checkDestination(this, parent.target, { itemIndex, displayName: 'Parent Folder' });
	const data = await cyberfileApiData(this, {
		endpoint: 'folder/create',
		fields,
		idempotent: false,
		itemIndex,
		unknownOutcome: `the folder "${name}" may or may not have been created`,
	});
	return [{ json: toFolder(data, shape) }];
}
