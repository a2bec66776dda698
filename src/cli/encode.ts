import type { Command } from './main.js';
import { UsageError } from './args.js';

// Placeholder until the command's issue lands.
export const command: Command = {
  summary: '(in progress)',
  help: 'teikit encode: in progress',
  async run() {
    throw new UsageError('encode: not available yet');
  },
};
