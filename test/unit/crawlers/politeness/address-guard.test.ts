import { describe, expect, it } from 'vitest';
import { createAddressGuard, isInternalAddress, parseAddressAllowance } from '../../../../crawlers/politeness/address-guard.js';

describe('address guard', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1'])('%s is internal', (ip) => {
    expect(isInternalAddress(ip)).toBe(true);
  });
  it.each(['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888', '172.32.0.1'])('%s is public', (ip) => {
    expect(isInternalAddress(ip)).toBe(false);
  });

  it('refuses internal hosts unless listed; "*" or true allows all', async () => {
    const guard = createAddressGuard(['127.0.0.1'], { sourceId: 's' });
    await expect(guard.check('http://127.0.0.1:8080/x')).resolves.toBeUndefined();
    await expect(guard.check('http://127.0.0.2/x')).rejects.toMatchObject({ code: 'ADDRESS_FORBIDDEN', context: { sourceId: 's', url: 'http://127.0.0.2/x' } });
    await expect(guard.check('http://[::1]/x')).rejects.toMatchObject({ code: 'ADDRESS_FORBIDDEN' });
    await expect(guard.check('http://169.254.169.254/latest/meta-data')).rejects.toMatchObject({ code: 'ADDRESS_FORBIDDEN' });
    await expect(createAddressGuard(false).check('http://localhost/x')).rejects.toMatchObject({ code: 'ADDRESS_FORBIDDEN' });
    await expect(createAddressGuard(parseAddressAllowance('*')).check('http://10.0.0.1/')).resolves.toBeUndefined();
    expect(parseAddressAllowance(' 127.0.0.1, ::1 ,')).toEqual(['127.0.0.1', '::1']);
    expect(parseAddressAllowance('')).toEqual([]);
  });
});
