// Health terms (PHI hints): medications by generic and brand name, and medical conditions, from a
// lexicon of common ones (names and facts, written for Gatehouse). A term alone is health vocabulary,
// not personal data ("metformin is a first-line drug"): it is reported below the threshold. It
// becomes personal health information when the text ties it to a person: a first-person word before
// it in its sentence ("I'm on sertraline", "my son has epilepsy"), or an identifying value (a name,
// an e-mail, a date of birth, a record number) near it. Then it is flagged, so that a patient's
// diagnoses and drugs are classified and redacted with their name.

import { cls, DIGIT, type Hit, isWordAt } from './pii-core.js';

/** Score of a health term alone: reported, not flagged. */
export const HEALTH_TERM_SCORE = 0.45;
/** Score of a health term tied to a person. */
export const HEALTH_PERSONAL_SCORE = 0.65;

// Generic drug names (INN), with the common spellings of other languages where they differ by an
// ending (metformina, metformine). Only names that are not ordinary words.
const GENERICS = `
abacavir acetaminophen aciclovir acyclovir adalimumab albuterol alendronate allopurinol alprazolam amiodarone
amitriptyline amlodipine amoxicillin amphetamine anastrozole apixaban aripiprazole atenolol atomoxetine atorvastatin
azathioprine azithromycin baclofen beclomethasone benazepril benzonatate betamethasone bisoprolol budesonide
bumetanide buprenorphine bupropion buspirone canagliflozin candesartan captopril carbamazepine carbidopa
carvedilol cefalexin cephalexin cefdinir ceftriaxone celecoxib cetirizine chlorthalidone citalopram clarithromycin
clindamycin clobetasol clonazepam clonidine clopidogrel clozapine colchicine cyclobenzaprine dabigatran
dapagliflozin denosumab desvenlafaxine dexamethasone dexmethylphenidate diazepam diclofenac dicyclomine digoxin
diltiazem diphenhydramine divalproex donepezil doxazosin doxycycline dulaglutide duloxetine empagliflozin enalapril
enoxaparin entecavir epinephrine escitalopram esomeprazole estradiol eszopiclone etanercept ezetimibe famotidine
fenofibrate fentanyl fexofenadine finasteride fluconazole fluoxetine fluticasone fluvoxamine furosemide gabapentin
gemfibrozil glimepiride glipizide glyburide guanfacine haloperidol hydralazine hydrochlorothiazide hydrocodone
hydrocortisone hydromorphone hydroxychloroquine hydroxyzine ibuprofen imatinib infliximab insulin irbesartan
isoniazid isosorbide ivermectin ketorolac labetalol lamotrigine lansoprazole letrozole levetiracetam levocetirizine
levofloxacin levothyroxine linagliptin liraglutide lisinopril loratadine lorazepam losartan lovastatin
lurasidone meloxicam memantine metformin methadone methimazole methocarbamol methotrexate methylphenidate
methylprednisolone metoclopramide metoprolol metronidazole mirtazapine montelukast morphine mupirocin
naloxone naltrexone naproxen nebivolol nifedipine nitrofurantoin nitroglycerin nortriptyline nystatin olanzapine
olmesartan omeprazole ondansetron oseltamivir oxcarbazepine oxybutynin oxycodone pantoprazole paracetamol
paroxetine pembrolizumab penicillin phenobarbital phentermine phenytoin pioglitazone pravastatin prednisolone
prednisone pregabalin promethazine propranolol quetiapine rabeprazole ramipril ranitidine rifampicin risperidone
rituximab rivaroxaban rizatriptan ropinirole rosuvastatin salbutamol semaglutide sertraline sildenafil simvastatin
sitagliptin sotalol spironolactone sulfasalazine sumatriptan tacrolimus tadalafil tamoxifen tamsulosin
telmisartan temazepam tenofovir terbinafine testosterone tiotropium tirzepatide tizanidine topiramate tramadol
trazodone triamcinolone triamterene valacyclovir valaciclovir valproate valsartan vancomycin varenicline
venlafaxine verapamil warfarin zolpidem ziprasidone zonisamide
acarbose acamprosate adapalene alfuzosin aliskiren almotriptan ambrisentan amikacin amisulpride anakinra
apremilast aspirin atazanavir atezolizumab avelumab azelastine baricitinib bevacizumab bicalutamide bimatoprost
bosentan brexpiprazole brivaracetam bromocriptine cabergoline calcitriol capecitabine cariprazine cefuroxime
certolizumab cinacalcet ciprofloxacin cisplatin clomiphene clomipramine clotrimazole cyclophosphamide cyclosporine
ciclosporin dapsone darbepoetin darunavir dasatinib deferasirox desloratadine desmopressin dexlansoprazole
dextroamphetamine dolutegravir domperidone doxorubicin dronedarone dupilumab edoxaban efavirenz eletriptan
emtricitabine entacapone eplerenone erenumab ertugliflozin erythromycin ethinylestradiol etonogestrel everolimus
exenatide febuxostat felodipine fidaxomicin fingolimod flecainide fludrocortisone formoterol fosfomycin
galcanezumab glatiramer glecaprevir golimumab goserelin ibandronate indapamide indomethacin ipratropium
isotretinoin ivabradine ketoconazole lacosamide lamivudine lanreotide ledipasvir leflunomide lenalidomide
leuprolide leuprorelin levonorgestrel linaclotide liothyronine lisdexamfetamine loperamide lurasidone
medroxyprogesterone mesalamine mesalazine methylnaltrexone metolazone midazolam minocycline mirabegron
modafinil mometasone moxifloxacin mycophenolate nadolol natalizumab nintedanib nirmatrelvir nivolumab
norethisterone norgestimate ocrelizumab octreotide ofatumumab olaparib omalizumab osimertinib oxaliplatin
paliperidone palbociclib pertuzumab pimecrolimus pirfenidone pramipexole prasugrel primidone prochlorperazine
progesterone propylthiouracil pyridostigmine quinapril raloxifene raltegravir ranolazine rasagiline remdesivir
ribavirin rifaximin riluzole risankizumab rivastigmine romosozumab ruxolitinib sacubitril salmeterol secukinumab
selegiline sevelamer sofosbuvir solifenacin sucralfate tapentadol terazosin teriflunomide teriparatide ticagrelor
timolol tobramycin tofacitinib tolterodine torsemide trastuzumab triptorelin upadacitinib ustekinumab valganciclovir
vedolizumab vilazodone vortioxetine zoledronic zopiclone
tiotropio acetilsalicilico tiroxina
metformina metformine sertralina sertraline atorvastatina atorvastatine omeprazol omeprazolo paracetamolo
ibuprofene ibuprofeno amoxicilline amoxicilina amoxicillina levotiroxina lévothyroxine levothyroxin
insuline insulina salbutamolo warfarina warfarine sertralin citalopram
`;

// Brand names of widely used drugs.
const BRANDS = `
abilify adderall advair ambien amoxil ativan augmentin benadryl brilinta bystolic cialis cipro clexane concerta
coumadin crestor cymbalta depakote dilantin diovan eliquis elvanse enbrel entresto farxiga flomax glucophage
humalog humira imitrex invokana januvia jardiance keppra klonopin lamictal lantus lasix lexapro lipitor lyrica
metoprolol mounjaro neurontin nexium norvasc novolog ozempic paxil plavix pradaxa prilosec prozac ritalin
rybelsus seroquel singulair spiriva stelara suboxone symbicort synthroid tegretol topamax trulicity tylenol
valium ventolin viagra vyvanse wegovy wellbutrin xanax xarelto zantac zoloft zyprexa zyrtec
aricept arimidex atrovent breo brilique calpol cellcept co-codamol cozaar dupixent effexor epipen euthyrox
femara fosamax gilenya herceptin ibuprom januvia keytruda lyrica microgynon mirena nurofen ocrevus opdivo
pristiq qvar relvar remicade revlimid risperdal saxenda seretide skyrizi sprycel strattera tagrisso tamiflu
taltz tecfidera tresiba trelegy tremfya trintellix truvada valtrex voltaren xeljanz yasmin zetia
`;

// Conditions and their common abbreviations, in English and the other languages the scanner reads
// (German, French, Spanish, Italian, Portuguese, Dutch). Words with a common other sense (stroke,
// shingles, cold, depression as in economics) are left out or need a qualifier.
const CONDITIONS = `
diabetes|type 1 diabetes|type 2 diabetes|t1dm|t2dm|iddm|niddm|prediabetes|hypertension|htn|hypotension
hyperlipidemia|hyperlipidaemia|hypercholesterolemia|hypercholesterolaemia|dyslipidemia|asthma|asthmatic|copd
emphysema|bronchitis|pneumonia|tuberculosis|cystic fibrosis|sleep apnea|sleep apnoea
epilepsy|epileptic|seizure disorder|seizures|migraine|migraines|multiple sclerosis|parkinson's disease|parkinson's
parkinsons|alzheimer's|alzheimer's disease|alzheimers|dementia|huntington's disease|cerebral palsy
major depressive disorder|mdd|clinical depression|postpartum depression|depressive disorder|depressive episode
bipolar disorder|schizophrenia|schizoaffective|psychosis|anxiety disorder|generalized anxiety disorder
generalised anxiety disorder|gad|panic disorder|panic attacks|ptsd|post-traumatic stress disorder|ocd
obsessive-compulsive disorder|adhd|autism|autistic|asperger's|anorexia nervosa|anorexia|bulimia|eating disorder
insomnia|narcolepsy|substance use disorder|alcohol use disorder|alcoholism|opioid use disorder
hiv|hiv/aids|hiv positive|hiv-positive|aids-related|hepatitis|hepatitis b|hepatitis c|hep c|cirrhosis
crohn's disease|crohn's|crohns|ulcerative colitis|irritable bowel syndrome|ibs|celiac disease|coeliac disease
gerd|acid reflux|pancreatitis|gallstones|kidney disease|chronic kidney disease|ckd|renal failure|dialysis
heart failure|congestive heart failure|chf|atrial fibrillation|afib|coronary artery disease
myocardial infarction|heart attack|angina|arrhythmia|cardiomyopathy|deep vein thrombosis|dvt|pulmonary embolism
anemia|anaemia|sickle cell|hemophilia|haemophilia|leukemia|leukaemia|lymphoma|melanoma|myeloma|carcinoma
breast cancer|prostate cancer|lung cancer|colon cancer|colorectal cancer|ovarian cancer|pancreatic cancer
skin cancer|cervical cancer|bladder cancer|thyroid cancer|brain tumor|brain tumour|metastatic|chemotherapy
hypothyroidism|hyperthyroidism|hashimoto's|graves' disease|lupus|rheumatoid arthritis|osteoarthritis
psoriatic arthritis|psoriasis|eczema|fibromyalgia|osteoporosis|gout|endometriosis|pcos|polycystic ovary syndrome
infertility|miscarriage|pregnant|pregnancy|chlamydia|gonorrhea|gonorrhoea|syphilis|herpes|hpv
covid-19|long covid|obesity|morbid obesity|glaucoma|macular degeneration|cataracts|tinnitus|hearing loss
chronic pain|concussion|traumatic brain injury|spinal cord injury|paraplegia|quadriplegia|amputation
diabète|diabetes mellitus|diabete|hypertonie|bluthochdruck|hypertension artérielle|hipertensión|ipertensione
asthme|asma|epilepsie|épilepsie|epilessia|depression|dépression|depresión|depressione|depressão
angststörung|trouble anxieux|trastorno de ansiedad|disturbo d'ansia|schizophrénie|esquizofrenia|schizofrenia
bipolare störung|trouble bipolaire|trastorno bipolar|disturbo bipolare|brustkrebs|lungenkrebs|cáncer|cancro
cancer du sein|cáncer de mama|tumore|herzinsuffizienz|insuffisance cardiaque|insuficiencia cardíaca
vorhofflimmern|fibrillation auriculaire|fibrilación auricular|niereninsuffizienz|insuffisance rénale
schwanger|schwangerschaft|enceinte|grossesse|embarazada|embarazo|incinta|gravidanza|grávida|zwanger
suikerziekte|astma|kanker|hartfalen|diabetes typ 2|diabète de type 2|diabetes tipo 2|diabete di tipo 2
stemi|nstemi|acute coronary syndrome|stable angina|unstable angina|transient ischemic attack|aortic stenosis
peripheral artery disease|peripheral arterial disease|hypertrophic cardiomyopathy|endocarditis|pericarditis
pulmonary fibrosis|pulmonary hypertension|sarcoidosis|bronchiectasis|respiratory failure|urinary tract infection|uti
kidney stones|nephrotic syndrome|polycystic kidney disease|diverticulitis|appendicitis|cholecystitis|hepatic steatosis
fatty liver disease|nafld|nash|barrett's esophagus|peptic ulcer|gastroparesis|hemorrhoids|sepsis|meningitis
encephalitis|cellulitis|osteomyelitis|lyme disease|malaria|mononucleosis|measles|mumps|rubella
allergy|allergies|peanut allergy|food allergy|anaphylaxis|hay fever|urticaria|dermatitis|atopic dermatitis|rosacea
acne vulgaris|vitiligo|alopecia|hidradenitis suppurativa|scleroderma|sjogren's syndrome|vasculitis|myasthenia gravis
guillain-barré syndrome|neuropathy|peripheral neuropathy|trigeminal neuralgia|bell's palsy|restless legs syndrome
essential tremor|tourette syndrome|tourette's|dyslexia|dyspraxia|dyscalculia|learning disability|intellectual disability
down syndrome|fragile x syndrome|spina bifida|muscular dystrophy|spinal muscular atrophy|scoliosis|herniated disc
sciatica|tendinitis|carpal tunnel syndrome|ankylosing spondylitis|osteopenia|hip fracture|torn acl|rotator cuff tear
self-harm|suicidal ideation|suicide attempt|burnout|burn-out|bruxism|borderline personality disorder
dissociative identity disorder|body dysmorphic disorder|binge eating disorder|arfid|gender dysphoria
cancer|tumor|tumour|glioblastoma|sarcoma|mesothelioma|neuroblastoma|hodgkin lymphoma|non-hodgkin lymphoma
hypothyroid|hyperthyroid|hypothyroïdie|hipotiroidismo|ipotiroidismo|schilddrüsenunterfunktion|hyperthyroïdie
hipertiroidismo|addison's disease|cushing's syndrome|acromegaly|hypoglycemia|hypoglycaemia|diabetic ketoacidosis
gestational diabetes|preeclampsia|ectopic pregnancy|ivf|menopause|erectile dysfunction|hiv infection
mélanome|melanom|neumonía|pneumonie|polmonite|lungenentzündung|herzinfarkt|infarto|infarctus|schlaganfall
ictus|avc|epoc|bpco|ehpoc|asthme allergique|multiple sklerose|sclérose en plaques|esclerosis múltiple
sclerosi multipla|morbus crohn|maladie de crohn|enfermedad de crohn|zöliakie|maladie cœliaque|enfermedad celíaca
depressionen|angstzustände|essstörung|anorexie|boulimie|demenz|démence|demencia|alzheimer|parkinson-krankheit
`;

// ICD-10 codes in their dotted form (J44.1, E11.65, I21.1): chapter letter, two digits, a dot, one to
// four characters. Linear: no nested or overlapping quantifiers.
// The boundaries are tested in code: a leading lookbehind would keep V8 from its fast first-character search.
const ICD10 = /[A-TV-Z][0-9]{2}\.[0-9][0-9A-Z]{0,3}/g;

/** Dotted ICD-10 codes: diagnoses, health terms like the lexicon's. */
export function scanIcd10(text: string, out: Hit[]): void {
  ICD10.lastIndex = 0;
  for (let m = ICD10.exec(text); m; m = ICD10.exec(text)) {
    const s = m.index;
    const e = s + m[0].length;
    const before = s > 0 ? text.charCodeAt(s - 1) : 32;
    if (isWordAt(text, s - 1) || before === 46 || isWordAt(text, e) || (text.charCodeAt(e) === 46 && cls(text, e + 1) === DIGIT)) continue;
    out.push({ type: 'health_condition', start: m.index, end: m.index + m[0].length, score: HEALTH_TERM_SCORE, rule: 'phi.icd10' });
  }
}

/** [phrase, type] pairs of the lexicon, phrases in lower case. */
export const HEALTH_TERMS: readonly (readonly [string, string])[] = (() => {
  const out = new Map<string, string>();
  for (const w of `${GENERICS} ${BRANDS}`.split(/\s+/)) if (w) out.set(w, 'medication');
  for (const w of CONDITIONS.split(/[|\n]/)) if (w.trim()) out.set(w.trim(), 'health_condition');
  return [...out];
})();

/** A health term at `at` (its first word already matched): reported when the whole phrase ends at a word end. */
export function healthTerm(text: string, at: number, phrase: string, type: string, out: Hit[]): void {
  const end = at + phrase.length;
  if (end > text.length || isWordAt(text, end) || (at > 0 && isWordAt(text, at - 1))) return;
  for (let k = 0; k < phrase.length; k++) {
    let c = text.charCodeAt(at + k);
    if (c >= 65 && c <= 90) c += 32;
    const p = phrase.charCodeAt(k);
    // Letters beyond ASCII are compared through toLowerCase, one character at a time.
    if (c !== p && String.fromCharCode(c).toLowerCase() !== phrase[k]) return;
  }
  out.push({ type, start: at, end, score: HEALTH_TERM_SCORE, rule: type === 'medication' ? 'phi.medication' : 'phi.condition' });
}

// Who the term is about, read backwards from it over at most CUE_WORDS words of its sentence:
// a possessive ("my son has epilepsy", "mein Diabetes") or a first-person verb form ("tengo", "j'ai",
// "I'm on") makes it the writer's; a first-person subject with a verb after it ("I have", "I was
// diagnosed with") too, unless a question or condition opens the clause ("can I take …", "if I
// take …"); "me" after a giving verb ("prescribed me", "put me on"). A topic word on the way ("about",
// "tell", "what", "writing") makes it a question about the term, not a disclosure ("can you tell me
// about metformin", "I have a question about diabetes"), and so does an animal.
const CUE_WORDS = 8;
const words = (s: string) => new Set(s.trim().split(/\s+/));
const POSSESSIVE = words(
  'my mine our mein meine meinen meiner meinem meines unser unsere mon mes notre nos mi mis nuestro nuestra mio mia miei mie nostro nostra mijn onze meu minha meus minhas nosso nossa',
);
const SELF_VERB = words(
  "i'm im i've ive i'd tengo tomo sufro padezco nehme habe leide heb neem gebruik j'ai prends souffre ho prendo soffro tenho sofro",
);
const SUBJECT = words('i ich je yo io ik eu we wir');
const VERB = words(
  'have had take taking took takes am was been diagnosed suffer suffering suffered got get started starting prescribed using use used on with from living struggling struggle dealing battling recovering treated allergic',
);
const GIVING = words('gave give gives given giving prescribed prescribe put started switched got get sent');
const OPENER = words('can could should would will may might shall do does did if whether when');
// Animals: a pet's diagnosis is nobody's health data ("our vet says the dog might have diabetes").
const ANIMAL = words(
  'dog dogs puppy cat cats kitten pet pets vet vets horse pony bird parrot rabbit hamster hund katze chien perro gato cane gatto hond kat',
);
const TOPIC = words(
  'about regarding concerning info information question questions explain explaining tell what how why which research article essay report project study paper asking wondering curious interested looking writing reading studying learning search compare versus vs between',
);

/** How far from a term an identifying value counts (the streaming look-behind covers it, see pii.ts). */
export const ID_WINDOW = 400;

// Values that identify a person; a health term near one of them is that person's.
export const IDENTIFYING: ReadonlySet<string> = new Set([
  'person',
  'email',
  'phone',
  'dob',
  'ssn',
  'itin',
  'national_id',
  'passport',
  'driver_license',
  'medical_record',
  'health_insurance',
  'address',
  'username',
  'tax_id',
]);

function isWordCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return isWordAt(text, i) || c === 39 || c === 0x2019;
}

/** The words of `at`'s sentence before it, nearest first, at most CUE_WORDS of them, lower case. */
function wordsBefore(text: string, at: number): string[] {
  const out: string[] = [];
  let e = at;
  while (e > 0 && out.length < CUE_WORDS && at - e < 120) {
    const c = text.charCodeAt(e - 1);
    // A sentence or line ends: the words before it are about something else.
    if (c === 10 || c === 46 || c === 33 || c === 63 || c === 59) break;
    if (!isWordCode(text, e - 1)) {
      e--;
      continue;
    }
    let s = e;
    while (s > 0 && isWordCode(text, s - 1)) s--;
    out.push(text.slice(s, e).toLowerCase().replace('\u2019', "'"));
    e = s;
  }
  return out;
}

/** The term at `at` is the writer's own (or their family's): see the cue rules above. */
export function personalCue(text: string, at: number): boolean {
  const ws = wordsBefore(text, at);
  let verb = false;
  for (let k = 0; k < ws.length; k++) {
    const w = ws[k] as string;
    if (TOPIC.has(w) || ANIMAL.has(w)) return false;
    if (POSSESSIVE.has(w) || SELF_VERB.has(w)) return true;
    if (w === 'me') {
      if (GIVING.has(ws[k + 1] ?? '')) return true;
      continue;
    }
    if (SUBJECT.has(w)) return verb && !OPENER.has(ws[k + 1] ?? '');
    if (VERB.has(w)) verb = true;
  }
  return false;
}

/**
 * Raises the health terms among `hits` that a person owns (see the header). Called once per scan,
 * after every recognizer, only when the text has a health term.
 */
export function personaliseHealth(text: string, hits: Hit[]): void {
  // Identifying values' spans, sorted by start; each term looks up the nearest ones by binary search.
  const ids: Hit[] = [];
  for (const h of hits) if (h.score >= 0.5 && IDENTIFYING.has(h.type)) ids.push(h);
  ids.sort((a, b) => a.start - b.start);
  // The longest identifying span: a value that starts up to that much before the window still reaches into it.
  let longest = 0;
  for (const h of ids) longest = Math.max(longest, h.end - h.start);
  for (const h of hits) {
    if (h.score !== HEALTH_TERM_SCORE || (h.rule !== 'phi.medication' && h.rule !== 'phi.condition' && h.rule !== 'phi.icd10')) continue;
    if (personalCue(text, h.start) || identifiedNear(ids, h.start - ID_WINDOW, h.end + ID_WINDOW, longest)) h.score = HEALTH_PERSONAL_SCORE;
  }
}

/** Some span of `ids` (sorted by start, none longer than `longest`) overlaps [from, to). */
function identifiedNear(ids: readonly Hit[], from: number, to: number, longest: number): boolean {
  // The first span that starts at or after from - longest.
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] as Hit).start < from - longest) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < ids.length; k++) {
    const h = ids[k] as Hit;
    if (h.start >= to) return false;
    if (h.end > from) return true;
  }
  return false;
}
