import { describe, expect, it } from "vitest";
import { kindAndName, theTeam } from "./naming.js";

describe("names in explanations", () => {
  it("names the kind of a thing unless its name already says it", () => {
    expect(kindAndName("project", "Apollo")).toBe("project Apollo");
    expect(kindAndName("project", "Project Alpha")).toBe("Project Alpha");
    expect(kindAndName("project", "Q3 launch project")).toBe("Q3 launch project");
    expect(kindAndName("project", "Projection")).toBe("project Projection");
    expect(kindAndName("team space", "Marketing Team Space")).toBe("Marketing Team Space");
    expect(kindAndName("team space", "marketing-team-space")).toBe("marketing-team-space");
    expect(kindAndName("team space", "Design")).toBe("team space Design");
    expect(kindAndName("team space", "Team Spaceship")).toBe("team space Team Spaceship");
    expect(kindAndName("project", "Projectéquipe")).toBe("project Projectéquipe");
    expect(kindAndName("project", "Équipe · Project")).toBe("Équipe · Project");
  });

  it("says the team after its name unless the name has it", () => {
    expect(theTeam("Sales")).toBe("the Sales team");
    expect(theTeam("Support Team")).toBe("the Support Team");
    expect(theTeam("A-Team")).toBe("the A-Team");
    expect(theTeam("Teamwork")).toBe("the Teamwork team");
    expect(theTeam("Team 25")).toBe("Team 25");
    expect(theTeam("team Rocket")).toBe("team Rocket");
    expect(theTeam("Team-Alpha")).toBe("the Team-Alpha");
  });
});
