import { hashTargetId, safeDecodeURIComponent } from '@/lib/safeDecode';

describe('safeDecodeURIComponent', () => {
  it('decodes well-formed escapes', () => {
    expect(safeDecodeURIComponent('forward%20process')).toBe('forward process');
    expect(safeDecodeURIComponent('%E4%B8%AD')).toBe('中');
  });

  it.each(['%', '100%', 'a%2', '%E4%B8', '%zz', '%%41'])('keeps the malformed %s as typed', (raw) => {
    expect(() => decodeURIComponent(raw)).toThrow(URIError);
    expect(safeDecodeURIComponent(raw)).toBe(raw);
  });
});

describe('hashTargetId', () => {
  it('strips the # and decodes', () => {
    expect(hashTargetId('#cell-forward')).toBe('cell-forward');
    expect(hashTargetId('#a%20b')).toBe('a b');
    expect(hashTargetId('')).toBe('');
    expect(hashTargetId('#')).toBe('');
  });

  it('never throws on a malformed escape', () => {
    expect(hashTargetId('#%')).toBe('%');
    expect(hashTargetId('#100%')).toBe('100%');
  });
});
