import { describe, expect, it } from 'vitest';
import { formatSdkId, parseSdkId, sdkOfEvent } from './system-symbols.js';

describe('OS builds', () => {
  it('reads symbolserver sdk ids', () => {
    expect(parseSdkId('iOS_10.3.1_14E304')).toEqual({ name: 'iOS', major: 10, minor: 3, patch: 1, build: '14E304' });
    expect(parseSdkId('iOS_10.3')).toEqual({ name: 'iOS', major: 10, minor: 3, patch: 0, build: '' });
    expect(parseSdkId('../etc')).toBeNull();
    expect(formatSdkId({ name: 'iOS', major: 10, minor: 3, patch: 1, build: '14E304' })).toBe('iOS_10.3.1_14E304');
  });

  it('takes the OS build from debug_meta.sdk_info, else contexts.os', () => {
    expect(sdkOfEvent({ sdk_name: 'iOS', version_major: 10, version_minor: 3, version_patchlevel: 1 }, undefined)).toEqual({ name: 'iOS', major: 10, minor: 3, patch: 1, build: '' });
    expect(sdkOfEvent(undefined, { name: 'iOS', version: '10.3.1', build: '14E304' })).toEqual({ name: 'iOS', major: 10, minor: 3, patch: 1, build: '14E304' });
    expect(sdkOfEvent(undefined, undefined)).toBeNull();
  });
});
