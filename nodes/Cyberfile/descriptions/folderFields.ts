import type { INodeProperties } from 'n8n-workflow';

/** The fields a folder is created and updated with (create's Additional Fields, update's Update Fields). */

export const visibilityField: INodeProperties = {
	displayName: 'Visibility',
	name: 'visibility',
	type: 'options',
	options: [
		{ name: 'Private', value: 'private', description: 'Only the account can open the folder' },
		{ name: 'Unlisted', value: 'unlisted', description: 'Anyone with the folder link can open it' },
		{ name: 'Public', value: 'public', description: "Anyone can open it, and it is listed in the site's search" },
	],
	default: 'private',
	description: 'Who can open the folder',
};

export const passwordField = (description: string): INodeProperties => ({
	displayName: 'Password',
	name: 'password',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description,
});
