import { describe, expect, it } from 'vitest';
import { createAddressGuard, isInternalAddress, parseAddressAllowance, parseAllowedAddress } from '../../../../crawlers/politeness/address-guard.js';

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

  it('host:port allows that port only; a bare host any port (issue #15.6)', async () => {
    const guard = createAddressGuard(parseAddressAllowance('127.0.0.1:8080, [::1]:9000, localhost:80'), { sourceId: 's' });
    await expect(guard.check('http://127.0.0.1:8080/x')).resolves.toBeUndefined();
    await expect(guard.check('http://127.0.0.1:6379/')).rejects.toThrow(
      'refused http://127.0.0.1:6379/: 127.0.0.1 is an internal address not allowed by the config; it is allowed on port 8080 only, not 6379',
    );
    await expect(guard.check('http://127.0.0.1/')).rejects.toThrow(/allowed on port 8080 only, not 80$/);
    await expect(guard.check('http://[::1]:9000/')).resolves.toBeUndefined();
    await expect(guard.check('http://[::1]:9200/')).rejects.toMatchObject({ code: 'ADDRESS_FORBIDDEN' });
    // The default port counts: localhost:80 allows http://localhost/ and nothing else on localhost.
    await expect(guard.check('http://localhost/')).resolves.toBeUndefined();
    await expect(createAddressGuard(['localhost:80']).check('https://localhost/')).rejects.toThrow(/^refused https:\/\/localhost\/: localhost is an internal address \(.+\) not allowed by the config; it is allowed on port 80 only, not 443$/);
    const anyPort = createAddressGuard(parseAddressAllowance('127.0.0.1'));
    for (const port of [80, 6379, 9200]) await expect(anyPort.check(`http://127.0.0.1:${port}/`)).resolves.toBeUndefined();
  });

  it('parses the documented entry forms and refuses the rest with the variable named', () => {
    expect(parseAllowedAddress('127.0.0.1')).toEqual({ host: '127.0.0.1' });
    expect(parseAllowedAddress(' Intranet.Example:8443 ')).toEqual({ host: 'intranet.example', port: 8443 });
    expect(parseAllowedAddress('[0:0:0:0:0:0:0:1]:6379')).toEqual({ host: '::1', port: 6379 });
    expect(parseAllowedAddress('fd00::1')).toEqual({ host: 'fd00::1' });
    expect(parseAllowedAddress('my_service:8080')).toEqual({ host: 'my_service', port: 8080 });
    for (const bad of ['127.0.0.1:0', '127.0.0.1:70000', 'host:http', '[nothost]:80', 'a b', 'http://127.0.0.1', '*.example']) expect(parseAllowedAddress(bad), bad).toBeUndefined();
    expect(() => parseAddressAllowance('127.0.0.1, host:http')).toThrow('PULSE_CRAWL_ALLOW_PRIVATE: "host:http" is not host, host:port, [ipv6]:port or "*"');
    expect(() => parseAddressAllowance('host:http')).toThrow(expect.objectContaining({ code: 'ADDRESS_ALLOWANCE_INVALID' }));
  });
});
