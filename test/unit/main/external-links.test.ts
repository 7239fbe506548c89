import { describe, expect, it } from 'vitest';
import { isAllowedExternal } from '../../../electron/main/external-links';

describe('isAllowedExternal', () => {
  it('allows https links to the listed sites and their subdomains', () => {
    expect(isAllowedExternal('https://discord.com/developers/docs')).toBe(true);
    expect(isAllowedExternal('https://github.com/shardwatch/shardwatch/issues')).toBe(true);
    expect(isAllowedExternal('https://docs.github.com/en')).toBe(true);
    expect(isAllowedExternal('https://GITHUB.com./x')).toBe(true);
  });

  it('refuses every other scheme', () => {
    for (const url of [
      'http://github.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://github.com/share',
      'app://shardwatch/index.html',
      'ms-msdt:/id PCWDiagnostic',
      'data:text/html,<script>1</script>',
    ]) {
      expect(isAllowedExternal(url), url).toBe(false);
    }
  });

  it('refuses hosts off the list, look-alikes and tricks', () => {
    for (const url of [
      'https://example.com/',
      'https://github.com.evil.example/',
      'https://evilgithub.com/',
      'https://github.com@evil.example/',
      'https://user:pw@github.com/',
      'https://github.com:8443/',
      'https://discord.gg/abc',
      'not a url',
      '',
    ]) {
      expect(isAllowedExternal(url), url).toBe(false);
    }
    expect(isAllowedExternal(42)).toBe(false);
    expect(isAllowedExternal(`https://github.com/${'a'.repeat(3000)}`)).toBe(false);
  });
});
