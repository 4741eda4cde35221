// The drafted RFA as a PDF laid out like the DWC Form RFA (8 CCR 9785.5): request-type check
// boxes; employee, requesting physician and claims administrator blocks; the requested-treatment
// table (diagnosis, ICD-10, service, CPT/HCPCS, other information); date and signature lines; then
// the readiness summary as an attachment page. pdf-lib writes it with an embedded TrueType font
// passed in by the caller (pdf-entry.ts bundles Inter, SIL OFL 1.1), so nothing is fetched. The
// font is embedded whole: pdf-lib's subsetting left Inter's pages blank where glyphs should be.
// Not imported by the core or the extension bundle: dist/rfa-pdf.js is loaded only when needed.
import { PDFDocument, rgb, typedArrayFor, type PDFFont, type PDFPage } from "pdf-lib";
import fontkit from "@pdf-lib/fontkit";
import { attachmentLine, codeText, diagnosisText, formDate, headerRows, icdText, otherInformation, SERVICE_TITLES, type RfaDraft } from "./draft";

export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN = 36;
const INK = rgb(0.08, 0.08, 0.1);
const MUTED = rgb(0.35, 0.37, 0.42);
const RULE = rgb(0.55, 0.57, 0.6);
const BAND = rgb(0.9, 0.92, 0.95);
const WARN = rgb(0.62, 0.16, 0.1);

/** Every feature fontkit applies by default to horizontal text, switched off. */
const NO_FEATURES: Record<string, boolean> = Object.fromEntries(
  ["ccmp", "locl", "rlig", "mark", "mkmk", "calt", "clig", "liga", "rclt", "curs", "kern"].map((tag) => [tag, false]),
);

interface Ctx {
  doc: PDFDocument;
  page: PDFPage;
  y: number;
  regular: PDFFont;
  bold: PDFFont;
  chars: Set<number>;
  pageNo: number;
  footer: string;
}

/** Replaces characters the font lacks (and control characters) so every glyph renders. */
function clean(ctx: Ctx, text: string): string {
  let out = "";
  for (const ch of text.replace(/[\r\n\t]+/g, " ")) {
    const cp = ch.codePointAt(0)!;
    out += cp < 32 ? " " : ctx.chars.has(cp) ? ch : "?";
  }
  return out;
}

/** Advance widths at size 1 per font and character, each measured once. */
const advances = new WeakMap<PDFFont, Map<string, number>>();

function advanceOf(font: PDFFont, ch: string): number {
  let table = advances.get(font);
  if (!table) advances.set(font, (table = new Map()));
  let w = table.get(ch);
  if (w === undefined) table.set(ch, (w = font.widthOfTextAtSize(ch, 1)));
  return w;
}

/**
 * Splits a line that the shaped width (ligatures, contextual forms) puts past `width` although its
 * advances fit: the longest prefix that fits stays, the rest becomes the next line. Binary search,
 * so even this rare case costs O(L log L) for a line of L characters.
 */
function splitShaped(line: string, font: PDFFont, size: number, width: number, out: string[]): void {
  let rest = line;
  while (rest && font.widthOfTextAtSize(rest, size) > width) {
    const chars = Array.from(rest);
    let lo = 1;
    let hi = chars.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (font.widthOfTextAtSize(chars.slice(0, mid).join(""), size) <= width) lo = mid;
      else hi = mid - 1;
    }
    const head = chars.slice(0, lo).join("").trimEnd();
    out.push(head || chars[0]);
    rest = chars.slice(Math.max(1, lo)).join("").trimStart();
  }
  if (rest) out.push(rest);
}

/**
 * Greedy word wrap in time linear in the text: words are measured once by their characters'
 * advances, a word wider than the column is broken between characters, and every line is checked
 * once against the shaped width. Whitespace runs become one space; no other character is lost.
 */
export function wrapText(raw: string, font: PDFFont, size: number, width: number): string[] {
  const space = advanceOf(font, " ") * size;
  const lines: string[] = [];
  let line = "";
  let lineW = 0;
  for (const word of raw.split(/\s+/)) {
    if (!word) continue;
    let wordW = 0;
    for (const ch of word) wordW += advanceOf(font, ch) * size;
    if (line && lineW + space + wordW <= width) {
      line += ` ${word}`;
      lineW += space + wordW;
      continue;
    }
    if (line) lines.push(line);
    if (wordW <= width) {
      line = word;
      lineW = wordW;
      continue;
    }
    // A word wider than the column is cut between characters (at least one per line).
    let piece = "";
    let pieceW = 0;
    for (const ch of word) {
      const w = advanceOf(font, ch) * size;
      if (piece && pieceW + w > width) {
        lines.push(piece);
        piece = "";
        pieceW = 0;
      }
      piece += ch;
      pieceW += w;
    }
    line = piece;
    lineW = pieceW;
  }
  if (line) lines.push(line);
  const out: string[] = [];
  for (const l of lines) {
    if (font.widthOfTextAtSize(l, size) <= width) out.push(l);
    else splitShaped(l, font, size, width, out);
  }
  return out.length ? out : [""];
}

function wrap(ctx: Ctx, text: string, font: PDFFont, size: number, width: number, maxLines = Infinity): string[] {
  const lines = wrapText(clean(ctx, text), font, size, width);
  if (lines.length <= maxLines) return lines;
  // A cell shows at most maxLines lines: the last one says the value goes on.
  const kept = lines.slice(0, maxLines);
  const more = "…";
  let last = kept[maxLines - 1];
  while (last && font.widthOfTextAtSize(`${last}${more}`, size) > width) last = Array.from(last).slice(0, -1).join("");
  kept[maxLines - 1] = `${last}${more}`;
  return kept;
}

function text(ctx: Ctx, s: string, x: number, y: number, size: number, font = ctx.regular, color = INK): void {
  ctx.page.drawText(clean(ctx, s), { x, y, size, font, color });
}

function newPage(ctx: Ctx): void {
  ctx.page = ctx.doc.addPage([PAGE_W, PAGE_H]);
  ctx.pageNo++;
  ctx.y = PAGE_H - MARGIN;
  text(ctx, `${ctx.footer} · page ${ctx.pageNo}`, MARGIN, 20, 7, ctx.regular, MUTED);
}

function ensure(ctx: Ctx, height: number): boolean {
  if (ctx.y - height >= MARGIN + 14) return false;
  newPage(ctx);
  return true;
}

function band(ctx: Ctx, title: string): void {
  ensure(ctx, 40);
  const h = 15;
  ctx.page.drawRectangle({ x: MARGIN, y: ctx.y - h, width: PAGE_W - 2 * MARGIN, height: h, color: BAND, borderColor: RULE, borderWidth: 0.6 });
  text(ctx, title, MARGIN + 5, ctx.y - h + 4.2, 9, ctx.bold);
  ctx.y -= h;
}

function checkbox(ctx: Ctx, x: number, y: number, on: boolean, label: string): number {
  const s = 8;
  ctx.page.drawRectangle({ x, y, width: s, height: s, borderColor: INK, borderWidth: 0.8 });
  if (on) {
    ctx.page.drawLine({ start: { x: x + 1.5, y: y + 4 }, end: { x: x + 3.5, y: y + 1.5 }, thickness: 1.2, color: INK });
    ctx.page.drawLine({ start: { x: x + 3.5, y: y + 1.5 }, end: { x: x + 7, y: y + 7 }, thickness: 1.2, color: INK });
  }
  text(ctx, label, x + s + 4, y + 0.8, 8.5);
  return x + s + 4 + ctx.regular.widthOfTextAtSize(clean(ctx, label), 8.5) + 14;
}

/** Lines a header field shows at most (a longer value ends with "…"; the markdown draft has it whole). */
const FIELD_LINES = 20;
/** Lines a treatment-table cell shows at most. */
const CELL_LINES = 24;

/** A block of labelled fields in a grid of `cols` columns (label small and grey above the value). */
function fieldGrid(ctx: Ctx, rows: Array<{ label: string; value: string }>, cols: number[]): void {
  const width = PAGE_W - 2 * MARGIN;
  let i = 0;
  while (i < rows.length) {
    // One grid row: as many fields as `cols` has, each `cols[k]` fraction of the width.
    const rowFields = rows.slice(i, i + cols.length);
    const cells = rowFields.map((f, k) => {
      const w = width * cols[k] - 10;
      const value = f.value ? wrap(ctx, f.value, ctx.regular, 9.5, w, FIELD_LINES) : [""];
      return { f, w, value };
    });
    const h = 12 + Math.max(...cells.map((c) => c.value.length)) * 11.5 + 3;
    ensure(ctx, h);
    const y = ctx.y;
    let x = MARGIN;
    cells.forEach((c, k) => {
      text(ctx, c.f.label, x + 5, y - 9, 6.8, ctx.regular, MUTED);
      c.value.forEach((line, j) => text(ctx, line, x + 5, y - 20 - j * 11.5, 9.5, ctx.regular, c.f.value ? INK : WARN));
      if (!c.f.value) text(ctx, "missing", x + 5, y - 20, 8, ctx.regular, WARN);
      if (k > 0) ctx.page.drawLine({ start: { x, y }, end: { x, y: y - h }, thickness: 0.4, color: RULE });
      x += width * cols[k];
    });
    ctx.page.drawRectangle({ x: MARGIN, y: y - h, width, height: h, borderColor: RULE, borderWidth: 0.6 });
    ctx.y = y - h;
    i += cols.length;
  }
}

const COLUMNS: Array<{ title: string; w: number }> = [
  { title: "Diagnosis (required)", w: 0.21 },
  { title: "ICD-10 code (required)", w: 0.1 },
  { title: "Service/good requested (required)", w: 0.27 },
  { title: "CPT/HCPCS code", w: 0.11 },
  { title: "Other information: frequency, duration, quantity, facility", w: 0.31 },
];

function tableHeader(ctx: Ctx): void {
  const width = PAGE_W - 2 * MARGIN;
  const lines = COLUMNS.map((c) => wrap(ctx, c.title, ctx.bold, 7.2, width * c.w - 8));
  const h = Math.max(...lines.map((l) => l.length)) * 9 + 6;
  ctx.page.drawRectangle({ x: MARGIN, y: ctx.y - h, width, height: h, color: BAND, borderColor: RULE, borderWidth: 0.6 });
  let x = MARGIN;
  COLUMNS.forEach((c, k) => {
    lines[k].forEach((l, j) => text(ctx, l, x + 4, ctx.y - 10 - j * 9, 7.2, ctx.bold));
    x += width * c.w;
  });
  ctx.y -= h;
}

function treatmentTable(ctx: Ctx, d: RfaDraft): void {
  const width = PAGE_W - 2 * MARGIN;
  tableHeader(ctx);
  if (!d.lines.length) {
    text(ctx, "No request was found in the note's plan.", MARGIN + 5, ctx.y - 14, 9, ctx.regular, WARN);
    ctx.y -= 22;
    return;
  }
  for (const l of d.lines) {
    const values = [diagnosisText(l), icdText(l), l.procedure, codeText(l), otherInformation(l)];
    const cells = values.map((v, k) => wrap(ctx, v, ctx.regular, 8.5, width * COLUMNS[k].w - 8, CELL_LINES));
    const h = Math.max(...cells.map((c) => c.length)) * 10.5 + 8;
    if (ensure(ctx, h)) tableHeader(ctx);
    let x = MARGIN;
    cells.forEach((lines, k) => {
      if (!values[k] && !(k === 3 && l.codeNotApplicable)) text(ctx, "missing", x + 4, ctx.y - 11, 8, ctx.regular, WARN);
      else lines.forEach((line, j) => text(ctx, line, x + 4, ctx.y - 11 - j * 10.5, 8.5));
      if (k > 0) ctx.page.drawLine({ start: { x, y: ctx.y }, end: { x, y: ctx.y - h }, thickness: 0.4, color: RULE });
      x += width * COLUMNS[k].w;
    });
    ctx.page.drawRectangle({ x: MARGIN, y: ctx.y - h, width, height: h, borderColor: RULE, borderWidth: 0.6 });
    ctx.y -= h;
  }
}

function paragraph(ctx: Ctx, s: string, size: number, font = ctx.regular, color = INK, indent = 0): void {
  const lines = wrap(ctx, s, font, size, PAGE_W - 2 * MARGIN - indent);
  for (const line of lines) {
    ensure(ctx, size + 4);
    text(ctx, line, MARGIN + indent, ctx.y - size, size, font, color);
    ctx.y -= size + 3.5;
  }
}

/**
 * Embeds the two weights. No OpenType layout features: pdf-lib draws the glyphs the layout returns
 * and ignores their positioning, so shaping only cost time (Inter's contextual alternates ran
 * thousands of lookups per line), and without it a line's width is exactly the sum of its
 * characters' advances, which is what the word wrap adds up.
 */
export async function embedPdfFonts(doc: PDFDocument, fonts: PdfFonts): Promise<{ regular: PDFFont; bold: PDFFont }> {
  doc.registerFontkit(cachedFontkit);
  const regular = await doc.embedFont(fonts.regular, { subset: false, features: NO_FEATURES });
  const bold = await doc.embedFont(fonts.bold, { subset: false, features: NO_FEATURES });
  return { regular, bold };
}

/**
 * fontkit with each font file parsed once per thread, not once per PDF: the parsed tables, glyph
 * metrics and character set are read-only, so a warm writer (the extension's RFA thread) reuses
 * them for every draft. Keyed by the font bytes' identity (the bundle's constants).
 */
const parsedFonts = new WeakMap<Uint8Array, Promise<unknown>>();
const cachedFontkit: Parameters<PDFDocument["registerFontkit"]>[0] = {
  create(data: Uint8Array, postscriptName?: string) {
    if (postscriptName !== undefined) return fontkit.create(data, postscriptName);
    let font = parsedFonts.get(data);
    if (!font) parsedFonts.set(data, (font = Promise.resolve(fontkit.create(data)).then(memoizeLayout)));
    return font as never;
  },
} as never;

/**
 * pdf-lib lays out every string twice or more (its width while wrapping, then its glyphs when
 * drawn), and the same labels in every PDF: each font's layout of a string is kept (a bounded
 * table, cleared when full). Layout is a pure function of the string and the features, which are
 * always NO_FEATURES here; a call with other features is not cached.
 */
function memoizeLayout<F>(font: F): F {
  const target = font as unknown as { layout(text: string, features?: unknown): unknown };
  const layout = target.layout.bind(target);
  const kept = new Map<string, unknown>();
  target.layout = (text: string, features?: unknown) => {
    if (features !== NO_FEATURES) return layout(text, features);
    let run = kept.get(text);
    if (run === undefined) {
      if (kept.size >= 4096) kept.clear();
      kept.set(text, (run = layout(text, features)));
    }
    return run;
  };
  return font;
}

/** The font files compressed once per thread (they are most of the file, identical in every PDF). */
const deflatedFonts = new WeakMap<Uint8Array, Uint8Array>();

export interface PdfOptions {
  /**
   * Compresses a stream (zlib format). The embedded fonts are most of the file: Node's native
   * zlib (pdf-entry.ts) does in milliseconds what pdf-lib's JavaScript deflate takes most of a
   * cold run for. Default: pdf-lib's own.
   */
  deflate?: (bytes: Uint8Array) => Uint8Array;
}

/** Writes the draft as PDF bytes. */
export async function writeRfaPdf(d: RfaDraft, fonts: PdfFonts, options: PdfOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const deflate = options.deflate;
  const context = doc.context;
  const ownFlate = context.flateStream.bind(context);
  context.flateStream = (contents, dict = {}) => {
    if (contents === fonts.regular || contents === fonts.bold) {
      const font = contents as Uint8Array;
      let packed = deflatedFonts.get(font);
      if (!packed) deflatedFonts.set(font, (packed = deflate ? deflate(font) : (ownFlate(font).getContents() as Uint8Array)));
      return context.stream(packed, { ...dict, Filter: "FlateDecode" });
    }
    return deflate ? context.stream(deflate(typedArrayFor(contents)), { ...dict, Filter: "FlateDecode" }) : ownFlate(contents, dict);
  };
  const { regular, bold } = await embedPdfFonts(doc, fonts);
  doc.setTitle("Request for Authorization (DWC Form RFA), draft");
  doc.setCreator("RFA Ready");
  doc.setProducer("RFA Ready (pdf-lib)");
  const stamp = new Date(`${d.draftedOn ?? d.checkedOn}T12:00:00Z`);
  if (!Number.isNaN(stamp.getTime())) {
    doc.setCreationDate(stamp);
    doc.setModificationDate(stamp);
  }
  // Characters both weights have (read once: a glyph missing from either is shown as "?").
  const inBold = new Set(bold.getCharacterSet());
  const chars = new Set<number>(regular.getCharacterSet().filter((c) => inBold.has(c)));
  const ctx: Ctx = { doc, page: undefined as unknown as PDFPage, y: 0, regular, bold, chars, pageNo: 0, footer: "DWC Form RFA drafted by RFA Ready: review every field before signing" };
  newPage(ctx);

  // Title.
  text(ctx, "State of California, Division of Workers' Compensation", MARGIN, ctx.y - 9, 8.5, regular, MUTED);
  text(ctx, "DWC Form RFA", PAGE_W - MARGIN - bold.widthOfTextAtSize("DWC Form RFA", 10), ctx.y - 9, 10, bold);
  text(ctx, "REQUEST FOR AUTHORIZATION", MARGIN, ctx.y - 27, 15, bold);
  ctx.y -= 36;
  paragraph(
    ctx,
    "Attach the Doctor's First Report of Occupational Injury or Illness (Form DLSR 5021), a Treating Physician's Progress Report (DWC Form PR-2), or an equivalent narrative report substantiating the requested treatment.",
    7.8,
    regular,
    MUTED,
  );
  ctx.y -= 4;

  // Check boxes.
  let x = MARGIN;
  const cy = ctx.y - 10;
  x = checkbox(ctx, x, cy, d.header.request.type === "new", "New Request");
  checkbox(ctx, x, cy, d.header.request.type === "resubmission", "Resubmission – Change in Material Facts");
  checkbox(ctx, MARGIN, cy - 14, d.header.request.expedited, "Expedited Review: employee faces an imminent and serious threat to his or her health");
  checkbox(ctx, MARGIN, cy - 28, d.header.request.oralConfirmation, "Written confirmation of a prior oral request");
  ctx.y = cy - 36;

  const blocks = headerRows(d.header);
  band(ctx, "Employee Information");
  fieldGrid(ctx, blocks[0].rows, [0.4, 0.2, 0.2, 0.2]);
  ctx.y -= 6;
  band(ctx, "Requesting Physician Information");
  fieldGrid(ctx, blocks[1].rows, [0.34, 0.33, 0.33]);
  ctx.y -= 6;
  band(ctx, "Claims Administrator Information");
  fieldGrid(ctx, blocks[2].rows, [0.34, 0.33, 0.33]);
  ctx.y -= 6;

  band(ctx, "Requested Treatment");
  treatmentTable(ctx, d);
  ctx.y -= 8;
  paragraph(ctx, `Substantiating report: progress note dated ${formDate(d.dateOfService) || "(no date of service found)"}.`, 8.5);
  ctx.y -= 16;
  ensure(ctx, 40);
  const lineY = ctx.y - 16;
  ctx.page.drawLine({ start: { x: MARGIN, y: lineY }, end: { x: MARGIN + 300, y: lineY }, thickness: 0.7, color: INK });
  ctx.page.drawLine({ start: { x: MARGIN + 340, y: lineY }, end: { x: PAGE_W - MARGIN, y: lineY }, thickness: 0.7, color: INK });
  if (d.requestDate) text(ctx, formDate(d.requestDate), MARGIN + 344, lineY + 4, 9.5);
  text(ctx, "Requesting Physician Signature", MARGIN, lineY - 10, 7.5, regular, MUTED);
  text(ctx, "Date", MARGIN + 340, lineY - 10, 7.5, regular, MUTED);
  ctx.y = lineY - 20;

  // Attachment: readiness summary.
  newPage(ctx);
  text(ctx, "Attachment: readiness summary", MARGIN, ctx.y - 14, 14, bold);
  ctx.y -= 24;
  const who = [d.header.employee.name, d.header.employee.claimNumber ? `claim ${d.header.employee.claimNumber}` : undefined].filter(Boolean).join(", ");
  paragraph(ctx, `${who ? `${who}. ` : ""}${attachmentLine(d)}`, 8.5, regular, MUTED);
  ctx.y -= 6;
  const missing = d.missing.header.length + d.missing.lines.length;
  paragraph(ctx, "Missing before sending", 10.5, bold);
  if (!missing) paragraph(ctx, "Nothing: every field of the form is filled.", 9);
  for (const g of d.missing.header) paragraph(ctx, `• ${g.label}`, 9, regular, WARN, 6);
  for (const l of d.missing.lines) {
    const needs = l.codeNeeds && l.missing.includes("the CPT/HCPCS code") ? ` (code: state ${l.codeNeeds})` : "";
    paragraph(ctx, `• Line ${l.line}, ${SERVICE_TITLES[l.service] ?? l.service}: ${l.missing.join(", ")}${needs}`, 9, regular, WARN, 6);
  }
  ctx.y -= 8;
  paragraph(ctx, "Documentation criteria per request", 10.5, bold);
  if (!d.readiness.length) paragraph(ctx, "No request was found.", 9);
  d.readiness.forEach((r, i) => {
    ctx.y -= 3;
    paragraph(ctx, `${i + 1}. ${SERVICE_TITLES[r.service] ?? r.service} (note line ${r.line}): ${r.documented} of ${r.checked} criteria documented`, 9.5, bold);
    paragraph(ctx, r.request, 8.5, regular, MUTED, 12);
    if (!r.gaps.length) paragraph(ctx, "No gap found.", 8.5, regular, INK, 12);
    for (const g of r.gaps) paragraph(ctx, `${g.kind.toUpperCase()} ${g.criterion}: ${g.message} (${g.citation})`, 8.5, regular, INK, 12);
  });
  for (const n of d.notices) paragraph(ctx, n.message, 8.5, regular, WARN);
  return doc.save({ useObjectStreams: false });
}
