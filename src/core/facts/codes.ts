// CPT/HCPCS codes for the catalogue's services, as data, each with its descriptor and a source,
// and the choice of code from what the request line says (region, approach, levels, muscles,
// leads, electrical stimulation). Drugs have no CPT code (the DWC Form RFA asks for one "if known";
// a drug is identified by name, strength and quantity). When the line does not say enough to pick
// one code (an ESI without its approach, a TENS unit without its lead count), the resolution says
// what is needed instead of guessing.
import type { ServiceKey } from "../types";

export interface CodeDef {
  code: string;
  system: "CPT" | "HCPCS";
  /** Short descriptor, in our words. */
  description: string;
  /** Where the code and its descriptor were checked. */
  source: string;
}

const AMA = "AMA CPT descriptor";
const SRC_TPI = `${AMA} as quoted by The Rheumatologist "Coding Corner" and Coding Ahead (20552: 1-2 muscles; 20553: 3 or more)`;
const SRC_ESI = `${AMA}; transforaminal 64479-64484 with imaging guidance (Coding Ahead, Carepatron 64483); interlaminar 62320-62323 (RevMedi pain management coding)`;
const SRC_FACET = "CMS Noridian prior-authorization list for facet joint interventions (64490-64495 descriptors, LCD L38803 / A58405); 64633-64636 neurotomy per facet joint, effective 1 Jan 2012";
const SRC_SIJ = "Medicare billing articles A59154 / A59244 / A59257 (27096 with fluoroscopy or CT; G0260 in ASC/OPPS settings)";
const SRC_PM = `${AMA} (97110 Coding Ahead; 97140 Coding Ahead; 97124 Massage Today / medical billing guides)`;
const SRC_ACU = "CMS/payer acupuncture billing guidance quoting the CPT descriptors 97810-97814 (15-minute units; 97813/97814 with electrical stimulation)";
const SRC_CHIRO = `${AMA}; five spinal regions (cervical, thoracic, lumbar, sacral, pelvic): 98940 1-2, 98941 3-4, 98942 5`;
const SRC_IMG = `${AMA} (72148 Carepatron / Coding Ahead; 72141 Carepatron; 72146 Biology Insights, "the correct code for the thoracic spine without contrast")`;
const SRC_EDX = `${AMA}; NCS 95907-95913 by number of studies, needle EMG with NCS as add-on 95885/95886 (AANEM model policy; Pabau 95913 guide)`;
const SRC_TENS = "CMS HCPCS Level II (E0720 two-lead, E0730 four or more leads; hcpcs.codes E0730)";

export const CODES: Readonly<Record<string, CodeDef>> = Object.fromEntries(
  (
    [
      ["20552", "CPT", "Trigger point injection(s), 1 or 2 muscles", SRC_TPI],
      ["20553", "CPT", "Trigger point injection(s), 3 or more muscles", SRC_TPI],
      ["27096", "CPT", "Sacroiliac joint injection with fluoroscopic or CT guidance", SRC_SIJ],
      ["G0260", "HCPCS", "Sacroiliac joint injection (ASC / hospital outpatient)", SRC_SIJ],
      ["62321", "CPT", "Interlaminar epidural injection, cervical or thoracic, with imaging guidance", SRC_ESI],
      ["62323", "CPT", "Interlaminar or caudal epidural injection, lumbar or sacral, with imaging guidance", SRC_ESI],
      ["64479", "CPT", "Transforaminal epidural injection, cervical or thoracic, single level, with imaging guidance", SRC_ESI],
      ["64480", "CPT", "Transforaminal epidural injection, cervical or thoracic, each additional level", SRC_ESI],
      ["64483", "CPT", "Transforaminal epidural injection, lumbar or sacral, single level, with imaging guidance", SRC_ESI],
      ["64484", "CPT", "Transforaminal epidural injection, lumbar or sacral, each additional level", SRC_ESI],
      ["64490", "CPT", "Facet joint or medial branch injection, cervical or thoracic, single level, with imaging guidance", SRC_FACET],
      ["64491", "CPT", "Facet joint or medial branch injection, cervical or thoracic, second level", SRC_FACET],
      ["64492", "CPT", "Facet joint or medial branch injection, cervical or thoracic, third and additional levels", SRC_FACET],
      ["64493", "CPT", "Facet joint or medial branch injection, lumbar or sacral, single level, with imaging guidance", SRC_FACET],
      ["64494", "CPT", "Facet joint or medial branch injection, lumbar or sacral, second level", SRC_FACET],
      ["64495", "CPT", "Facet joint or medial branch injection, lumbar or sacral, third and additional levels", SRC_FACET],
      ["64633", "CPT", "Radiofrequency neurotomy of facet joint nerves, cervical or thoracic, single joint", SRC_FACET],
      ["64634", "CPT", "Radiofrequency neurotomy, cervical or thoracic, each additional joint", SRC_FACET],
      ["64635", "CPT", "Radiofrequency neurotomy of facet joint nerves, lumbar or sacral, single joint", SRC_FACET],
      ["64636", "CPT", "Radiofrequency neurotomy, lumbar or sacral, each additional joint", SRC_FACET],
      ["97110", "CPT", "Therapeutic exercise, each 15 minutes", SRC_PM],
      ["97140", "CPT", "Manual therapy techniques, each 15 minutes", SRC_PM],
      ["97124", "CPT", "Massage, each 15 minutes", SRC_PM],
      ["97810", "CPT", "Acupuncture without electrical stimulation, initial 15 minutes", SRC_ACU],
      ["97811", "CPT", "Acupuncture without electrical stimulation, each additional 15 minutes", SRC_ACU],
      ["97813", "CPT", "Acupuncture with electrical stimulation, initial 15 minutes", SRC_ACU],
      ["97814", "CPT", "Acupuncture with electrical stimulation, each additional 15 minutes", SRC_ACU],
      ["98940", "CPT", "Chiropractic manipulative treatment, spinal, 1-2 regions", SRC_CHIRO],
      ["98941", "CPT", "Chiropractic manipulative treatment, spinal, 3-4 regions", SRC_CHIRO],
      ["98942", "CPT", "Chiropractic manipulative treatment, spinal, 5 regions", SRC_CHIRO],
      ["72148", "CPT", "MRI lumbar spine without contrast", SRC_IMG],
      ["72141", "CPT", "MRI cervical spine without contrast", SRC_IMG],
      ["72146", "CPT", "MRI thoracic spine without contrast", SRC_IMG],
      ["95886", "CPT", "Needle EMG, each extremity, with nerve conduction studies", SRC_EDX],
      ["E0720", "HCPCS", "TENS device, two leads", SRC_TENS],
      ["E0730", "HCPCS", "TENS device, four or more leads", SRC_TENS],
    ] as const
  ).map(([code, system, description, source]) => [code, { code, system, description, source }]),
);

export interface CodeFacts {
  /** The request line, as written. */
  text: string;
  /** Spinal region letters of the levels named ("L", "C"...), and region words. */
  regions: Set<"cervical" | "thoracic" | "lumbar" | "sacral" | "pelvic">;
  approach?: "transforaminal" | "interlaminar" | "caudal";
  /** Spinal levels (segments, or roots) named. */
  levels: number;
  /** Muscles named in the line (bilateral counted twice), for TPIs. */
  muscles?: number;
  /** Injections or sites counted in the line. */
  injections?: number;
}

export interface CodeResolution {
  codes: CodeDef[];
  /** Set when no code applies (drugs): the RFA needs none. */
  notApplicable?: boolean;
  /** What the line must say for a code to be chosen, when it cannot be. */
  needs?: string;
  /** Codes written in the note itself (they win over the table). */
  fromNote?: boolean;
}

/** Drug families: no CPT/HCPCS code on the RFA line. */
export const DRUG_SERVICES: ReadonlySet<ServiceKey> = new Set([
  "opioids",
  "benzodiazepines",
  "muscle-relaxant",
  "nsaid-ppi",
  "topical",
  "aed",
  "sleep-aid",
]);

const CPT_IN_TEXT = /(?<![\w./-])(\d{5}|[A-V]\d{4})(?![\w/-])/g;

/** Codes written in the line: any code of the table, or a 5-digit code labelled CPT/HCPCS. */
export function codesInText(text: string): CodeDef[] {
  const out: CodeDef[] = [];
  const labelled = /\b(?:cpt|hcpcs)\b/i.test(text);
  CPT_IN_TEXT.lastIndex = 0;
  for (let m = CPT_IN_TEXT.exec(text); m; m = CPT_IN_TEXT.exec(text)) {
    const code = m[1];
    const known = CODES[code];
    if (known) out.push(known);
    else if (labelled && /^(?:[0-9]\d{3}[0-9T]|[A-V]\d{4})$/.test(code))
      out.push({ code, system: /^\d/.test(code) ? "CPT" : "HCPCS", description: "as written in the note", source: "the note" });
  }
  return out.filter((c, i) => out.findIndex((d) => d.code === c.code) === i);
}

const c = (...codes: string[]) => codes.map((k) => CODES[k]);
const upper = (f: CodeFacts) => f.regions.has("cervical") || f.regions.has("thoracic");
const lower = (f: CodeFacts) => f.regions.has("lumbar") || f.regions.has("sacral");

/** Chooses the CPT/HCPCS code(s) for one request. */
export function resolveCodes(service: ServiceKey, facts: CodeFacts): CodeResolution {
  const written = codesInText(facts.text);
  if (written.length) return { codes: written, fromNote: true };
  if (DRUG_SERVICES.has(service)) return { codes: [], notApplicable: true };
  const t = facts.text;
  switch (service) {
    case "tpi": {
      const n = facts.muscles ?? (facts.injections !== undefined && facts.injections <= 2 ? facts.injections : undefined);
      if (n === undefined) return { codes: [], needs: "the muscles injected (20552 for 1-2 muscles, 20553 for 3 or more)" };
      return { codes: c(n >= 3 ? "20553" : "20552") };
    }
    case "sij":
      return { codes: c("27096") };
    case "massage":
      return { codes: c("97124") };
    case "pt":
      return { codes: /\bmanual\b|\bmobili[sz]ation\b/i.test(t) ? c("97110", "97140") : c("97110") };
    case "acupuncture":
      return { codes: /\belectro|\be-?stim|\belectrical stim/i.test(t) ? c("97813", "97814") : c("97810", "97811") };
    case "chiro": {
      const n = facts.regions.size;
      if (!n) return { codes: [], needs: "the spinal regions treated (98940 for 1-2, 98941 for 3-4, 98942 for 5)" };
      return { codes: c(n >= 5 ? "98942" : n >= 3 ? "98941" : "98940") };
    }
    case "esi": {
      if (upper(facts) === lower(facts)) return { codes: [], needs: "the spinal region (cervical/thoracic or lumbar/sacral)" };
      const approach = facts.approach;
      if (!approach) return { codes: [], needs: "the approach (interlaminar, transforaminal or caudal)" };
      if (approach === "transforaminal") {
        const base = upper(facts) ? c("64479") : c("64483");
        const addOn = upper(facts) ? c("64480") : c("64484");
        return { codes: facts.levels > 1 ? [...base, ...addOn] : base };
      }
      return { codes: upper(facts) ? c("62321") : c("62323") };
    }
    case "facet": {
      if (upper(facts) === lower(facts)) return { codes: [], needs: "the spinal region (cervical/thoracic or lumbar/sacral)" };
      const rf = /\b(?:radio-?frequency|rf(?:a|ablation)?|neurotomy|rhizotomy|ablation|denervation)\b/i.test(t);
      if (rf) {
        const base = upper(facts) ? c("64633") : c("64635");
        const add = upper(facts) ? c("64634") : c("64636");
        return { codes: facts.levels > 1 ? [...base, ...add] : base };
      }
      const codes = upper(facts) ? ["64490", "64491", "64492"] : ["64493", "64494", "64495"];
      return { codes: c(...codes.slice(0, Math.max(1, Math.min(3, facts.levels || 1)))) };
    }
    case "imaging": {
      if (/\bmri\b|\bmagnetic resonance\b/i.test(t)) {
        if (facts.regions.has("lumbar") || facts.regions.has("sacral")) return { codes: c("72148") };
        if (facts.regions.has("cervical")) return { codes: c("72141") };
        if (facts.regions.has("thoracic")) return { codes: c("72146") };
        return { codes: [], needs: "the body part imaged" };
      }
      if (/\bemg\b|\belectromyogra|\bncs\b|\bncv\b|\bnerve conduction|\belectrodiagnostic|\bedx\b/i.test(t)) {
        if (/\bemg\b|\belectromyogra/i.test(t)) return { codes: c("95886") };
        return { codes: [], needs: "the number of nerve conduction studies (95907-95913)" };
      }
      return { codes: [], needs: "the study and body part (code by modality and region)" };
    }
    case "tens": {
      if (/\b(?:4|four)[- ]?(?:or more )?leads?\b|\b(?:4|four)[- ]channel/i.test(t)) return { codes: c("E0730") };
      if (/\b(?:2|two)[- ]?leads?\b|\b(?:2|two)[- ]channel/i.test(t)) return { codes: c("E0720") };
      return { codes: [], needs: "the number of leads (E0720 two-lead, E0730 four or more)" };
    }
    case "frp":
      return { codes: [], needs: "the program's billing code (none is fixed for functional restoration programs)" };
    default:
      return { codes: [], needs: "a CPT/HCPCS code" };
  }
}
