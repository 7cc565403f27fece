import { describe, expect, it } from 'vitest';
import { escapeControls, neutralizeControls } from '../../../src/render/terminalText.js';

describe('escapeControls', () => {
  it('should write every control character of a name as a visible escape, on one line', () => {
    expect(escapeControls('vm1\nerror RC999: forged\x1b[2J\r\t\x07\x7f\u009b\u2028\u202e')).toBe('vm1\\nerror RC999: forged\\x1b[2J\\r\\t\\x07\\x7f\\x9b\\u2028\\u202e');
  });

  it('should leave printable text alone, non-ASCII letters included', () => {
    expect(escapeControls('dcedge-1 GigabitEthernet2 -> 10.0.1.2 (ü)')).toBe('dcedge-1 GigabitEthernet2 -> 10.0.1.2 (ü)');
  });
});

describe('neutralizeControls', () => {
  it("should keep newlines, tabs and roamcheck's own colour and progress codes", () => {
    const ours = '\r  [=====     ] 5/10 p\x1b[K\n\x1b[31mVIOLATED\x1b[0m\tp\n';
    expect(neutralizeControls(ours)).toBe(ours);
  });

  it('should escape anything else that could clear the screen, move the cursor or rewrite a line', () => {
    expect(neutralizeControls('a\x1b[2Jb\x1b]0;title\x07c\rd\x1bc')).toBe('a\\x1b[2Jb\\x1b]0;title\\x07c\\rd\\x1bc');
  });
});
