// The lecture options and the keyboard shortcuts as markup: settings listed by the words the page
// uses, every hide= part offered, the shortcuts listed, and which dialogs are modal.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FIELDS } from '../src/config/schema';
import { HelpOverlay, ShortcutsView } from '../src/controls/HelpOverlay';
import { HIDABLE_PANELS, LectureOptionsView } from '../src/controls/LectureOptions';
import { FIELD_LABELS } from '../src/controls/fields/labels';
import { HIDE_NAMES } from '../src/state/link';

const lecture = (hidden: string[] = []) => renderToStaticMarkup(<LectureOptionsView hidden={hidden} onToggle={() => {}} onClose={() => {}} />);
const labelTexts = (html: string) => [...html.matchAll(/<label><input[^>]*data-hide="([^"]+)"[^>]*\/> ([^<]*)<\/label>/g)].map((m) => [m[1], m[2]]);

describe('lecture options', () => {
  it('is a non-modal dialog with a title', () => {
    const html = lecture();
    expect(html).toContain('role="dialog"');
    expect(html).not.toContain('aria-modal');
    expect(html).toMatch(/aria-labelledby="([^"]+)"[\s\S]*id="\1">Show or hide parts of the page<\/h2>/);
  });
  it('names every setting by its label, never its internal name', () => {
    const html = lecture();
    const settings = labelTexts(html.slice(html.indexOf('<legend>Settings')));
    expect(settings.map(([id]) => id).sort()).toEqual(Object.keys(FIELDS).sort());
    for (const [id, text] of settings) expect(text).toBe(FIELD_LABELS[id as keyof typeof FIELD_LABELS]);
    const texts = settings.map(([, t]) => t);
    for (const internal of ['evalEvery', 'convRate', 'lr', 'opt']) expect(texts).not.toContain(internal);
    expect(texts).toEqual(expect.arrayContaining(['Evaluate every', 'Conv pruning rate', 'Learning rate', 'Optimizer']));
  });
  it('offers every part hide= accepts, the presets included', () => {
    const offered = new Set(labelTexts(lecture()).map(([id]) => id));
    expect([...HIDE_NAMES].filter((n) => !offered.has(n))).toEqual([]);
    expect(HIDABLE_PANELS.map((p) => p.id)).toContain('presets');
  });
  it('a hidden part is unticked', () => {
    const html = lecture(['presets']);
    expect(html).toMatch(/<input type="checkbox" data-hide="presets"\/>/);
    expect(html).toMatch(/<input type="checkbox" data-hide="curves" checked=""\/>/);
  });
});

describe('keyboard shortcuts', () => {
  it('a modal dialog listing Space, ? and Escape', () => {
    const html = renderToStaticMarkup(<ShortcutsView onClose={() => {}} />);
    expect(html).toContain('aria-modal="true"');
    for (const key of ['Space', '?', 'Esc']) expect(html).toContain(`<kbd>${key}</kbd>`);
  });
  it('the button says what it opens and its key', () => {
    const html = renderToStaticMarkup(<HelpOverlay />);
    expect(html).toMatch(/<button[^>]*aria-haspopup="dialog"[^>]*aria-keyshortcuts="\?"[^>]*>\? Shortcuts<\/button>/);
    expect(html).not.toContain('role="dialog"');
  });
});
