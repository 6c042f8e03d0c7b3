export { cyberfileApiRequest, cyberfileApiData } from './request';
export type { ApiCall } from './request';
export { apiError, inputError } from './errors';
export type { CyberfileContext } from './types';
