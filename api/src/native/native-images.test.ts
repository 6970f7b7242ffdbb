import { describe, expect, it } from 'vitest';
import { breakpadId, normalizeCodeId, parseDebugId } from './debug-id.js';
import { imageAt, isAppImage, isMandatoryImage, isReturnAddress, lookupAddress, nativeImages, parseAddress } from './native-images.js';

describe('debug ids', () => {
  it('reads the canonical, Breakpad and raw ELF build-id forms', () => {
    expect(parseDebugId('C0BCC3F1-9827-FE65-3058-404B2831D9E6')).toBe('c0bcc3f1-9827-fe65-3058-404b2831d9e6');
    expect(parseDebugId('67E9247C814E392BA027DBDE6748FCBF0')).toBe('67e9247c-814e-392b-a027-dbde6748fcbf');
    expect(parseDebugId('DFB8E43AF2423D73A453AEB6A777EF75a')).toBe('dfb8e43a-f242-3d73-a453-aeb6a777ef75-a');
    expect(parseDebugId('dfb8e43a-f242-3d73-a453-aeb6a777ef75-a')).toBe('dfb8e43a-f242-3d73-a453-aeb6a777ef75-a');
    expect(parseDebugId('not-a-debug-id')).toBeNull();
    expect(breakpadId('c0bcc3f1-9827-fe65-3058-404b2831d9e6')).toBe('C0BCC3F19827FE653058404B2831D9E60');
    expect(normalizeCodeId('67E9247C-814E-392B-A027-DBDE6748FCBF')).toBe('67e9247c814e392ba027dbde6748fcbf');
  });
});

describe('images and addresses', () => {
  const images = nativeImages([
    { type: 'macho', debug_id: '67E9247C-814E-392B-A027-DBDE6748FCBF', code_file: '/Users/me/crash', image_addr: '0x10a000000', image_size: 0x10000, arch: 'x86_64' },
    { type: 'macho', debug_id: '84a04d24-0e60-3810-a8c0-90a65e2df61a', code_file: '/usr/lib/libSystem.B.dylib', image_addr: '0x7fff20000000' },
    { type: 'macho', debug_id: '494f3aea-88fa-4296-9644-fa8ef5d139b6', code_file: '/usr/lib/libobjc.dylib', image_addr: '0x7fff30000000', image_size: 4096 },
    { type: 'proguard', uuid: 'a3c7d1b4-0000-0000-0000-000000000000' },
  ]);

  it('keeps native images in order and skips other kinds', () => {
    expect(images.map((i) => i.index)).toEqual([0, 1, 2]);
    expect(images[0]).toMatchObject({ debugId: '67e9247c-814e-392b-a027-dbde6748fcbf', imageAddr: 0x10a000000n, imageSize: 0x10000n, arch: 'x86_64' });
  });

  it('matches addresses by range; an image without size runs to the next one', () => {
    expect(imageAt(images, 0x10a00dc15n)?.index).toBe(0);
    expect(imageAt(images, 0x10a010000n)).toBeNull();
    expect(imageAt(images, 0x7fff2fffffffn)?.index).toBe(1);
    expect(imageAt(images, 0x7fff30000fffn)?.index).toBe(2);
    expect(imageAt(images, 0x7fff30001000n)).toBeNull();
    expect(imageAt(images, 0x1000n)).toBeNull();
  });

  it('adjusts return addresses per architecture, the crashing frame untouched', () => {
    expect(lookupAddress(0x1337n, 'arm64', true)).toBe(0x1330n);
    expect(lookupAddress(0x1337n, 'arm64', false)).toBe(0x1334n);
    expect(lookupAddress(0x1337n, 'x86_64', true)).toBe(0x1336n);
    expect(lookupAddress(0x1337n, 'x86_64', false)).toBe(0x1337n);
    expect(lookupAddress(0x1337n, 'armv7', true)).toBe(0x1334n);
    // Frames are caller first: the last one is the crashing frame.
    expect([0, 1, 2].map((i) => isReturnAddress(i, 3, 'auto'))).toEqual([true, true, false]);
    expect([0, 1, 2].map((i) => isReturnAddress(i, 3, 'all'))).toEqual([true, true, true]);
    expect([0, 1, 2].map((i) => isReturnAddress(i, 3, 'none'))).toEqual([false, false, false]);
  });

  it('parses hex and decimal addresses, nothing else', () => {
    expect(parseAddress('0x1a2b')).toBe(0x1a2bn);
    expect(parseAddress('6699')).toBe(6699n);
    expect(parseAddress(4096)).toBe(4096n);
    expect(parseAddress('zz')).toBeNull();
    expect(parseAddress(-1)).toBeNull();
  });
});

describe('app and system images', () => {
  it('follows Sentry’s app-bundle rules', () => {
    expect(isAppImage('/private/var/containers/Bundle/Application/0C2F/MyApp.app/MyApp')).toBe(true);
    expect(isAppImage('/Users/dev/Library/Developer/CoreSimulator/Devices/X/data/Containers/Bundle/Application/Y/MyApp.app/MyApp')).toBe(true);
    expect(isAppImage('/Applications/Tool.app/Contents/MacOS/Tool')).toBe(true);
    expect(isAppImage('/System/Library/Frameworks/UIKit.framework/UIKit')).toBe(false);
    expect(isAppImage('/usr/lib/system/libsystem_kernel.dylib')).toBe(false);
    expect(isAppImage('/lib/x86_64-linux-gnu/libc.so.6')).toBe(false);
    expect(isAppImage('/opt/app/bin/server')).toBe(true);
    expect(isAppImage('linux-gate.so')).toBe(false);
  });

  it('treats bundled frameworks and support libraries as optional', () => {
    const bundle = '/private/var/containers/Bundle/Application/0C2F/MyApp.app';
    expect(isMandatoryImage(`${bundle}/MyApp`)).toBe(true);
    expect(isMandatoryImage(`${bundle}/Frameworks/Charts.framework/Charts`)).toBe(false);
    expect(isMandatoryImage(`${bundle}/Frameworks/libswiftCore.dylib`)).toBe(false);
    expect(isMandatoryImage('/System/Library/Frameworks/UIKit.framework/UIKit')).toBe(false);
    expect(isMandatoryImage('/opt/app/bin/server')).toBe(true);
  });
});
