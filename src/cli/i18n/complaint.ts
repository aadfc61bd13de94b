import type { Messages } from './types.js';

// Messages of the complaint module.
const messages: Messages = {};

export default messages;
