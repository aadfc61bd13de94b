import type { Messages } from './types.js';

// Messages of the handover module.
const messages: Messages = {};

export default messages;
