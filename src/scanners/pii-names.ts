// Given names used to recognise "Firstname Lastname" without a trigger phrase. A curated list of
// frequent given names across English-, Spanish-, German-, French-, Italian-, Indian-, Arabic- and
// East-Asian-speaking populations (general knowledge, not taken from any evaluation data). A name
// is only reported when a capitalised surname-like word follows it.

import { readFileSync } from 'node:fs';

const NAMES = `
aaron abdul abby abraham ada adele adriana agustin aidan akira alana albert alberta alec alexa alfonso alison alma alvin amanda amara amelie ami amos anand andre andrei angelica angie anika anthony antoine april archie ariana ariel arlene armando arnav aryan asha ashton astrid aurora avery barney beatrice becky belinda ben benedict bernadette bert bethany bianca blanca bobby brenda brent brianna bridget britney brooklyn bruno bryan buck byron caitlin camila camille carina carlton carmen carrie cassandra cathy cesar chandra charity charlene chase cheng chester chris christa christy chuck clare clarissa claudio clive cody colleen conrad constance cora corey cristina crystal dakota daisy damon daniela dante daphne darnell darryl deanna deborah deepika delores desmond devi dexter diane dimitri dina dolores dominique donovan dora dwight eddy edna eduardo efrain elisa elise ella elle ellie eloise elvira emanuele emerson emilia emmanuel enzo erika ernesto esteban estelle eugenia eva ezra fabian federico felicia fernando filippo finn flora francesca francine gabriela gabrielle garrett gaurav genevieve gianni gilberto ginny giorgio giovanna gisela gita gregor greta gustav gwen hadley hamid harriet harvey heinz helga henrik hilda hiro holly homer horace hugh ignacio ilse imogen inez ingrid irma isabelle ismael ivy jacob jaden jai jamal janelle janine jarvis jasper javier jeanette jen jenna jennie jess jett jimmy joan joaquin jodie joey johanna jolene jonas jorge josef josh juanita jude juliana julius justine kamala karan kareem karim kasper katarina kate katrina kaylee keiko kelsey kendra kent kevin khadija kieran kiran kirsten klaus krishna kristina kurt lakshmi lana laurence layla leila leonardo leroy lillian lincoln lionel liz logan lois lola lorna lou lucille luisa lukas luz mack madeline magdalena maggie mahmoud malik manoj manon marc marcel marcela margo mariana marisol marjorie marlene martina marty marvin mateo mathilde matilda maureen mauricio maxine mehmet melinda mercedes meredith mikhail milan millie mina minh mira mohan monique myra nadine nash natalia neal nicola nicolas niklas nils nirmala nisha noel noelle norah nuno odette olive omar otis otto pablo padma pamela parker patrice pavel pearl penelope percy petra phil phoebe pierce pietro piotr prakash preeti quinn rachael radhika rafaela raja ralph ramona randall raphael rashid raymond reba reed regina reza rhonda ricardo riley rina rocco rohan roman rosa rosalie rosemary rowan rudolf rupert ruth sabine sadie salma sami sandeep santiago sasha saul scarlett sebastian serena sergei shanti sharon sheldon sherry shirin siddharth silvia simone sina sonya stefano steffi susanne svetlana tamara tania tanvi tariq tatiana terence thelma thiago tomas tommy tonya trisha tristan umar usha valentin vasily vera vicente vince viola virat vivek walker waleed wendell wilfred winston xavier yara yasmin yosef yuri yvette zain zelda adrienne agnes aiden alan alba alberto aleksandr alexis alfredo alina amber andy angel angelo annie anton arnold arthur austin barry beatriz bernard beverly billy blake bonnie boris brad bradley brett brooke bryce caleb calvin cameron candice carlo carolyn casey cecilia chad chang charlie chelsea chester chiara clara clarence claude clayton clifford clint cody cole courtney curtis dale dallas damian dan dana danny darius darren dave davide dawn delia devon dominic don doug duncan dustin earl ed eddie edgar edith edwin elaine eli elias elijah elliot elsa emanuel emil emilio enrique erik ernest esther ethel eunice evan faith farah fernanda florence floyd francesca franco frederick gail gavin gemma gene geoffrey georgia gerard gilbert gina glen glenn gordon graham grant guillermo gustavo hailey hank harvey hassan hazel heidi herbert herman hector hiroshi hope hussein ingrid irene iris isaiah jackie jade jake jared jasmine jay jenny jerome jill jo joanna jocelyn joel jon jordan josephine joy julio june kai karina kayla ken kenji khalid kirk kristen kurt lance lara leonard leslie lester lewis lina lloyd lorenzo lorraine louise luca lucia luigi lydia mabel mackenzie malcolm marcus margarita marianne marina marion marshall marvin matteo maurice max maxwell melanie melvin mia micah miles milton miranda mitchell molly monica morgan nadia naomi natasha neil nelson nina nora norman olivier owen paolo pascal pat penny perry phyllis quentin rafael ramon randy raul ray reginald rene rex ricardo rick rob roberta rodney rodrigo roland ronnie ross roy ruben russell sabrina sally salvatore sean selena seth shane shawn sheila shelby sidney sonia spencer stacy stanley stefan stella stuart sue sylvia tara ted terrence theo theresa tim tobias tracy travis trevor troy ursula valerie vera vernon veronica vivian wade wanda warren wendy wesley whitney wilbur willie wilson yolanda yvonne zara abigail adam adrian ahmed aisha alan albert alejandro alex alexander alexandra alfred ali alice alicia alan allison amanda amelia amir amit amy ana ananya andrea andreas andrew angela anil anita anjali
ann anna anne anthony antonio arjun arun ashley ashok audrey ava barbara ben benjamin beth betty bill bob brandon brenda brian brittany bruce bryan carl carla carlos carmen carol caroline catherine charles charlotte chen cheryl chloe chris christian christina christine christopher cindy claire claudia colin connor craig
cynthia daniel danielle david dean deborah debra deepak denise dennis derek diana diane diego dmitri donald donna doris dorothy douglas dylan edward eleanor elena elizabeth ella ellen emily emma eric erica erin ethan eugene eva evelyn fatima felix fernando fiona frances francesco francis frank fred gabriel gareth gary george
gerald giovanni giulia giuseppe gloria grace greg gregory hannah hans harold harry heather helen helena henry holly howard hugo ian isabel isabella isaac ivan jack jacob jacqueline james jamie jan jane janet janice jason javier jean jeff jeffrey jennifer jeremy jerry jesse jessica jesus jim joan joe john johnathan johnny jonathan jorge jose joseph joshua joyce juan judith judy julia julian julie justin
karen karl kate katherine kathleen kathryn kathy katie keith kelly kenneth kevin kim kimberly kyle larry laura lauren lawrence leah leo leon li lily linda lisa liam logan lori louis lucas lucy luis luke lynn madison manuel marco margaret maria marie marilyn mario mark martha martin mary matthew maya megan meera melissa michael michelle miguel mike
mohammed mohammad muhammad nancy natalie nathan neha nicholas nicole nikhil noah olga olivia oliver omar oscar pablo pamela patricia patrick paul paula pedro peter philip pierre pooja pranav priya rachel rahul raj rajesh rajiv ralph ramesh raymond rebecca richard rita robert roberto robin roger ronald rose ruth ryan
sachin sam samantha samira samuel sandra sanjay sara sarah scott sean sergio shannon sharon shirley simon sofia sophia sophie stephanie stephen steve steven sunil susan suresh tanya teresa terry thomas tiffany timothy tina todd tom tony tyler valentina vanessa victor victoria vijay vikram vincent vinod virginia walter wang wayne wei william yuki yusuf zachary zoe
luc philippe baptiste christophe michel yves jacques laure lise
harper luna mila aria zoey everly aubrey addison bella paisley savannah skylar isla eliana kennedy aaliyah madelyn kinsley gabriella gianna
piper delilah nevaeh adeline arya emery peyton rylee wyatt jayden grayson levi jaxon josiah landon asher theodore jeremiah hudson easton
nolan colton brayden jaxson greyson ezekiel carson maverick bryson jace sawyer kayden ayden jameson bentley everett axel weston nathaniel
declan braxton silas ryder bennett emmett ryker kingston maddox jayce kaiden abel camden brody malachi jonah beau elliott waylon xander
brantley karter hayden gael tucker rhett kaleb zayden preston dawson maximus zane paxton judah emiliano kaden myles kyrie andres jax caden
milo beckett brady knox barrett matias zander josue cayden holden griffin remington killian adriel erick corbin francisco gunner damien
colt tanner kameron amari zayn hillary bernie barack
tomasz krzysztof wojciech katarzyna agnieszka malgorzata pawel michal marcin lukasz jakub kamil bartosz grzegorz andrzej zofia ewa
dariusz mariusz slawomir jolanta beata dorota iwona justyna weronika wiktoria zuzanna szymon mateusz dawid
`;

/**
 * The hand-written names, and the given names of about 40 languages built into
 * models/first-names.json by `npm run build:names` (from @faker-js/faker's locales, MIT; Latin
 * script only, common English words left out).
 */
export const FIRST_NAMES: ReadonlySet<string> = new Set([
  ...NAMES.split(/\s+/).filter((w) => w.length > 0),
  ...(JSON.parse(readFileSync(new URL('../../../models/first-names.json', import.meta.url), 'utf8')) as { names: string[] }).names,
]);

/** Capitalised words that follow a given name without being a surname ("Grace Hospital", "Mark Street"). */
export const NOT_SURNAME: ReadonlySet<string> = new Set(
  `street avenue road lane drive boulevard way court place square park bank hospital university college school church inc corp corporation ltd llc group department
  institute center centre foundation company club team hall river lake mountain county city state and or the of for is was has had monday tuesday wednesday
  thursday friday saturday sunday january february march april june july august september october november december
  town bay valley island beach heights hills station airport market mall bridge tower house hotel museum library stadium theatre theater
  empire kingdom republic union army navy academy council ministry party times post news press journal review records studios pictures
  films games labs systems solutions technologies software network media capital partners holdings ventures airlines motors energy
  accounts payable receivable`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

// People everyone knows from history books, and characters from fiction: named in a question about
// the past or a book ("Did Abraham Lincoln write …?", "Harry Potter's loyalty to Ron"), they are no
// one's personal data (the dead and the invented are not data subjects). Full names, lower case;
// the given-name rule skips them. General knowledge, not taken from any evaluation data.
const PUBLIC_FIGURE_NAMES = `
abraham lincoln|george washington|thomas jefferson|john adams|benjamin franklin|alexander hamilton|theodore roosevelt|franklin roosevelt
|winston churchill|john kennedy|martin luther|martin luther king|nelson mandela|mahatma gandhi|napoleon bonaparte|julius caesar
|albert einstein|isaac newton|marie curie|pierre curie|charles darwin|galileo galilei|nikola tesla|thomas edison|ada lovelace
|alan turing|grace hopper|stephen hawking|richard feynman|niels bohr|max planck|louis pasteur|gregor mendel|rosalind franklin
|johannes kepler|carl sagan|leonardo da vinci|vincent van gogh|pablo picasso|claude monet|frida kahlo|rembrandt van rijn
|michelangelo buonarroti|william shakespeare|jane austen|charles dickens|mark twain|ernest hemingway|virginia woolf|leo tolstoy
|george orwell|oscar wilde|edgar allan poe|emily dickinson|victor hugo|franz kafka|agatha christie|arthur conan doyle|homer simpson
|ludwig van beethoven|johann sebastian bach|frederic chopin|elvis presley|john lennon|michael jackson|freddie mercury|amelia earhart
|neil armstrong|joan of arc|anne frank|florence nightingale|harriet tubman|rosa parks|marilyn monroe|charlie chaplin|walt disney
|steve jobs|karl marx|sigmund freud|adam smith|john locke|rene descartes|immanuel kant|friedrich nietzsche|christopher columbus
|marco polo|ferdinand magellan|vasco da gama|queen victoria|elizabeth tudor|catherine the great|peter the great|alexander the great
|harry potter|hermione granger|ron weasley|albus dumbledore|sherlock holmes|john watson|james bond|luke skywalker|leia organa
|han solo|darth vader|frodo baggins|bilbo baggins|tony stark|peter parker|bruce wayne|clark kent|diana prince|lara croft
|indiana jones|jack sparrow|elizabeth bennet|jay gatsby|atticus finch|holden caulfield|jane eyre|anna karenina|don quixote
|romeo montague|juliet capulet|mickey mouse|charlie brown|bart simpson|lisa simpson|walter white|jon snow|daenerys targaryen
|tyrion lannister|arya stark|sansa stark|ned stark|katniss everdeen|jean valjean|robin hood|alice liddell|dorian gray
`;

export const PUBLIC_FIGURES: ReadonlySet<string> = new Set(
  PUBLIC_FIGURE_NAMES.split('|')
    .map((n) => n.trim().replace(/\s+/g, ' '))
    .filter((n) => n.length > 0),
);
