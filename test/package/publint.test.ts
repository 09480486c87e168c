// publint in strict mode (warnings count as errors) on the packed tarball: the exports map,
// file formats and published files as a registry user sees them (the package folder is taken
// from the tarball itself).
import { readFileSync } from 'node:fs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, inject, it } from 'vitest';

describe('publint', () => {
  it('reports no errors or warnings in strict mode', async () => {
    const bytes = readFileSync(inject('packageTarball'));
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const { messages, pkg } = await publint({ strict: true, pack: { tarball } });
    const explain = (message: (typeof messages)[number]) => `${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`;
    // Suggestions never fail publint --strict either; they are printed for whoever reads the log.
    const suggestions = messages.filter((message) => message.type === 'suggestion');
    if (suggestions.length > 0) console.info(`publint suggestions:\n${suggestions.map(explain).join('\n')}`);
    expect(messages.filter((message) => message.type !== 'suggestion').map(explain)).toEqual([]);
  });
});
