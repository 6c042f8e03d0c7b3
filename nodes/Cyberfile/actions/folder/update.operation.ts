import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection } from '../../descriptions/collection';
import { passwordField, visibilityField } from '../../descriptions/folderFields';
import { folderLocator } from '../../descriptions/locators';
import { passwordValue, visibilityValue } from '../../helpers/folderFields';
import { requireUpdates, sendEdit } from '../../helpers/edit';
import { ownFolderId } from '../../helpers/folders';
import { checkedTarget } from '../../helpers/locator';
import type { ResolvedTarget, Target } from '../../helpers/locator';
import { checkedName } from '../../helpers/names';
import { toFolder } from '../../helpers/shape';
import { folderFieldValue, resolveTarget } from '../../helpers/target';
import { booleanValue, itemShape } from '../../helpers/values';
import { inputError } from '../../transport';
import { itemOptions } from '../../descriptions/itemOptions';
import { showFor } from '../common';

const show = showFor('folder', ['update']);

export const description: INodeProperties[] = [
	folderLocator({
		displayName: 'Folder',
		name: 'folderId',
		default: { mode: 'list', value: '' },
		description: 'The folder to update',
		displayOptions: show,
	}),
	collection('Update Fields', 'updateFields', show, [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'The new name of the folder, without slashes or angle brackets',
		},
		folderLocator({
			displayName: 'Parent Folder',
			name: 'parentFolderId',
			required: false,
			description: 'Move the folder into this folder (the root folder included), but not into one of its own sub-folders',
		}),
		passwordField('A new password visitors must enter to open the folder. Type it in plain text: n8n sends the site its MD5 hash.'),
		{
			displayName: 'Remove Password',
			name: 'removePassword',
			type: 'boolean',
			default: false,
			description: 'Whether to remove the folder\'s password, so that it opens without one',
		},
		visibilityField,
	]),
	itemOptions(show),
];

const FIELD = (name: string) => `Update Fields > ${name}`;

/** The form fields of /folder/edit for the chosen updates, checked; the new parent, if any. */
function editFields(context: IExecuteFunctions, updates: IDataObject, itemIndex: number) {
	const fields: IDataObject = {};
	let parent: Target | undefined;
	// The parent is only parsed here; it is looked up once every field is checked.
	if (updates.name !== undefined) fields.folder_name = checkedName(context, updates.name, FIELD('Name'), itemIndex);
	if (updates.parentFolderId !== undefined) {
		parent = checkedTarget(context, 'folder', updates.parentFolderId, itemIndex, FIELD('Parent Folder'));
		fields.parent_id = '';
	}
	if (updates.visibility !== undefined) fields.is_public = visibilityValue(context, updates.visibility, FIELD('Visibility'), itemIndex);
	if (updates.password !== undefined) fields.access_password = passwordValue(context, updates.password, FIELD('Password'), itemIndex);
	if (booleanValue(context, updates.removePassword, FIELD('Remove Password'), itemIndex)) {
		if (fields.access_password !== undefined) {
			throw inputError(context.getNode(), `Parameters "${FIELD('Password')}" and "${FIELD('Remove Password')}" contradict each other: use one`, itemIndex);
		}
		fields.access_password = 'null';
	}
	return { fields, parent };
}

/**
 * Renames, moves, re-publishes or (un)locks a folder in one call. A new parent is checked first:
 * the site ignores one it does not know, and would accept one inside the folder itself.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const shape = itemShape(this, itemIndex);
	const updates = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const { fields, parent } = editFields(this, updates, itemIndex);
	requireUpdates(this, fields, 'name, parent folder, visibility or password', itemIndex);
	const folderId = await ownFolderId(this, 'folderId', 'Folder', itemIndex, 'updated');
	let resolvedParent: ResolvedTarget | undefined;
	if (parent) {
		resolvedParent = await resolveTarget(this, 'folder', parent, itemIndex, FIELD('Parent Folder'));
		fields.parent_id = folderFieldValue(resolvedParent, 'moveTarget');
	}
	const newFolder = resolvedParent && { target: resolvedParent, displayName: FIELD('Parent Folder'), movingFolderId: folderId };
	const data = await sendEdit(this, { kind: 'folder', id: folderId, fields, newFolder, itemIndex });
	return [{ json: toFolder(data, shape) }];
}
