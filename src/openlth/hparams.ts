// Reads open_lth's hparams.log (foundations/desc.py Desc.save): each Hparams bundle's `display`, in
// the order of the descriptor's sorted field names, joined by newlines:
//   Dataset Hyperparameters
//       * dataset_name => mnist
//       * batch_size => 60
//   Model Hyperparameters
//       …
// A bundle lists its required fields and the optional ones whose value is truthy
// (foundations/hparams.py Hparams.display), so a missing key means "default" (None, 0 or False).

export interface Hparams {
  /** The key => value lines under a section title (e.g. 'Training Hyperparameters'); empty if absent. */
  section(title: string): Map<string, string>;
}

const ENTRY = /^\s+\* ([A-Za-z_][A-Za-z0-9_]*) => (.*)$/;

/** Parses an hparams.log; throws an Error naming `where` when the text is not one. */
export function parseHparams(text: string, where: string): Hparams {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    const entry = ENTRY.exec(line);
    if (entry && current) current.set(entry[1], entry[2].trim());
    else if (!entry && !/^\s/.test(line) && line.length <= 200) sections.set(line.trim(), (current = new Map()));
    else throw new Error(`${where} is not an open_lth hparams.log: "${line.slice(0, 60)}" is neither a section title nor a "* name => value" line.`);
  }
  if (text.trim() && !sections.size) throw new Error(`${where} is not an open_lth hparams.log.`);
  return { section: (title) => sections.get(title) ?? new Map() };
}
