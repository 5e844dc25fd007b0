import { unsupportedNodeMessage } from './node-version';

describe('unsupportedNodeMessage', () => {
  it('accepts Node 22 and later and explains what to do on older ones', () => {
    expect(unsupportedNodeMessage('v22.0.0')).toBeNull();
    expect(unsupportedNodeMessage('v24.21.0')).toBeNull();
    expect(unsupportedNodeMessage('v26.1.0')).toBeNull();
    expect(unsupportedNodeMessage('v20.20.2')).toMatch(/needs Node 22 or newer, but this process runs on v20\.20\.2/);
  });
});
