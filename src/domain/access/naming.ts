// Names in explanations and refusals. A thing is named with its kind ("project Apollo", "the Sales
// team"), unless its own name already says what it is: "Project Alpha", not "project Project Alpha";
// "the Support Team", not "the Support Team team"; "Marketing Team Space". A team whose name begins
// with the word takes no article: "Team 25". The console words grants the same way
// (web/src/lib/access-words.ts, through web/src/domain.ts).

const patterns = new Map<string, RegExp>();

/** Whether `name` has `noun` as words of its own, in any case: "Project Alpha" says "project". */
function says(name: string, noun: string): boolean {
  let pattern = patterns.get(noun);
  if (pattern === undefined) {
    const words = noun.split(" ").join("[\\s_-]+");
    pattern = new RegExp(`(?:^|[^\\p{L}\\p{N}])${words}(?:$|[^\\p{L}\\p{N}])`, "iu");
    patterns.set(noun, pattern);
  }
  return pattern.test(name);
}

/** "project Apollo" and "Project Alpha"; "team space Design" and "Marketing Team Space". */
export function kindAndName(noun: string, name: string): string {
  return says(name, noun) ? name : `${noun} ${name}`;
}

/** "the Sales team", "the Support Team" and "Team 25". */
export function theTeam(name: string): string {
  if (!says(name, "team")) return `the ${name} team`;
  return /^team(?:$|[^\p{L}\p{N}-])/iu.test(name) ? name : `the ${name}`;
}
