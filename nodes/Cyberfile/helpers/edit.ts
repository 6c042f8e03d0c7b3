import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { cyberfileApiData, inputError } from '../transport';
import { checkDestination } from './folders';
import type { Target } from './locator';

/** "Update Fields" with nothing in it is a mistake: said before anything is sent. */
export function requireUpdates(context: IExecuteFunctions, fields: IDataObject, choices: string, itemIndex: number): void {
	if (Object.keys(fields).length > 0) return;
	throw inputError(context.getNode(), `Parameter "Update Fields" is empty: add the ${choices} to change`, itemIndex);
}

/**
 * /file/edit or /folder/edit. A new folder is checked first: both endpoints ignore, without a
 * word, a folder they do not know or that is in the trash.
 */
export async function sendEdit(
	context: IExecuteFunctions,
	spec: {
		kind: 'file' | 'folder';
		id: string;
		fields: IDataObject;
		newFolder?: { target: Target; displayName: string; movingFolderId?: string };
		itemIndex: number;
	},
): Promise<IDataObject> {
	const { kind, id, fields, newFolder, itemIndex } = spec;
	if (newFolder) await checkDestination(context, newFolder.target, { itemIndex, ...newFolder });
	return await cyberfileApiData(context, {
		endpoint: `${kind}/edit`,
		fields: { [`${kind}_id`]: id, ...fields },
		idempotent: true,
		itemIndex,
		subject: { [kind]: id },
	});
}
