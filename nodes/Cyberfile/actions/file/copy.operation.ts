import type { IDataObject } from 'n8n-workflow';

import { fileToFolderOperation } from '../../helpers/fileToFolder';
import { toFile } from '../../helpers/shape';

/** The copy is the output item; the answer's `original_file` is kept as `originalFile`. */
export const { description, execute } = fileToFolderOperation({
	operation: 'copy',
	endpoint: 'file/copy',
	destinationField: 'copy_to_folder_id',
	idempotent: false,
	unknownOutcome: 'the copy may or may not have been made',
	output: (body, shape) => {
		const pick = (key: string) => ((body[key] as IDataObject | undefined)?.data ?? {}) as IDataObject;
		return { ...toFile(pick('new_file'), shape), originalFile: toFile(pick('original_file'), shape) };
	},
});
