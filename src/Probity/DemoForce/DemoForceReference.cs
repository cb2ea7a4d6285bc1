namespace Probity.DemoForce;

/// <summary>Reference figures for the demo force: London boroughs circa 2008, business groups, names and code mixes.</summary>
internal static class DemoForceReference
{
    /// <summary>A London borough: resident population (ONS mid-2008 estimates, rounded), how busy it is for police
    /// (a daytime-population and crime factor), the DPS borough support unit covering it (1-4), and the broad ethnic mix
    /// in percent (white, black, asian, mixed, other).</summary>
    internal sealed record Borough(string Name, int Population, double Busy, int Bsu, double[] Ethnicity)
    {
        public string Id { get; } = "bor-" + Name.ToLowerInvariant().Replace(' ', '-');
    }

    public static readonly Borough[] Boroughs =
    [
        new("Barking and Dagenham", 168_900, 1.05, 3, [70, 15, 9, 3, 3]),
        new("Barnet", 331_500, 0.85, 1, [70, 7, 16, 3, 4]),
        new("Bexley", 223_300, 0.75, 3, [87, 6, 4, 2, 1]),
        new("Brent", 270_000, 1.2, 1, [45, 20, 27, 4, 4]),
        new("Bromley", 302_600, 0.8, 3, [88, 5, 4, 2, 1]),
        new("Camden", 235_700, 1.5, 1, [68, 8, 14, 5, 5]),
        new("Croydon", 341_800, 1.2, 3, [62, 18, 14, 4, 2]),
        new("Ealing", 309_000, 1.05, 1, [57, 10, 26, 4, 3]),
        new("Enfield", 287_600, 1.0, 2, [70, 13, 10, 4, 3]),
        new("Greenwich", 222_900, 1.1, 3, [72, 14, 9, 3, 2]),
        new("Hackney", 212_200, 1.4, 2, [56, 25, 10, 5, 4]),
        new("Hammersmith and Fulham", 172_200, 1.2, 4, [75, 11, 6, 5, 3]),
        new("Haringey", 225_000, 1.3, 2, [63, 20, 9, 5, 3]),
        new("Harrow", 216_200, 0.75, 1, [53, 7, 34, 3, 3]),
        new("Havering", 230_100, 0.8, 3, [91, 4, 3, 1, 1]),
        new("Hillingdon", 253_200, 1.1, 1, [70, 6, 19, 3, 2]),
        new("Hounslow", 222_600, 1.05, 1, [57, 6, 31, 3, 3]),
        new("Islington", 190_900, 1.3, 2, [72, 12, 8, 5, 3]),
        new("Kensington and Chelsea", 180_300, 1.2, 4, [78, 7, 7, 4, 4]),
        new("Kingston upon Thames", 160_100, 0.8, 4, [81, 2, 12, 3, 2]),
        new("Lambeth", 274_500, 1.5, 4, [60, 27, 6, 5, 2]),
        new("Lewisham", 261_600, 1.15, 3, [61, 27, 6, 5, 1]),
        new("Merton", 201_400, 0.85, 4, [70, 10, 14, 3, 3]),
        new("Newham", 249_500, 1.35, 2, [36, 23, 33, 4, 4]),
        new("Redbridge", 257_600, 0.95, 2, [58, 8, 28, 3, 3]),
        new("Richmond upon Thames", 180_100, 0.7, 4, [88, 2, 6, 3, 1]),
        new("Southwark", 274_400, 1.4, 3, [60, 27, 6, 5, 2]),
        new("Sutton", 187_600, 0.75, 4, [86, 4, 6, 3, 1]),
        new("Tower Hamlets", 220_500, 1.35, 2, [50, 7, 37, 3, 3]),
        new("Waltham Forest", 223_200, 1.1, 2, [60, 18, 15, 4, 3]),
        new("Wandsworth", 284_000, 1.0, 4, [76, 11, 7, 4, 2]),
        new("Westminster", 236_000, 2.6, 1, [70, 7, 13, 4, 6]),
    ];

    public static readonly string[] BsuAreas = ["North West", "North East", "South East", "South West"];

    /// <summary>How officer activity looks in a unit that is not a borough (calls, arrests, stop-searches per month for a PC).</summary>
    internal enum Activity { Borough, Office, Investigation, Protection, Tsg, Traffic, Transport, Firearms }

    /// <summary>A unit other than a borough. Shares are relative weights for placing officers, police staff and PCSOs
    /// (boroughs together weigh <see cref="BoroughOfficerShare"/>, <see cref="BoroughStaffShare"/>, <see cref="BoroughPcsoShare"/>);
    /// SubjectFactor is how likely its people are to be complained about, relative to a borough constable.</summary>
    internal sealed record OtherUnit(string Id, string Name, string Kind, string? Parent, double Officers, double Staff, double Pcsos, double SubjectFactor, Activity Activity);

    public const double BoroughOfficerShare = 64, BoroughStaffShare = 35, BoroughPcsoShare = 92;

    public static readonly string[] BusinessGroupIds = ["tp", "scd", "so", "co", "dps", "doi", "hr", "resources"];

    public static readonly OtherUnit[] OtherUnits =
    [
        new("tp", "Territorial Policing", "business_group", null, 1.0, 3.0, 0, 0.3, Activity.Office),
        new("tp-transport", "Safer Transport Command", "ocu", "tp", 2.5, 0.5, 8, 0.9, Activity.Transport),
        new("scd", "Specialist Crime Directorate", "business_group", null, 1.5, 3.0, 0, 0.3, Activity.Investigation),
        new("scd-homicide", "Homicide and Serious Crime Command", "ocu", "scd", 3.0, 1.0, 0, 0.4, Activity.Investigation),
        new("scd-trident", "Trident Gang Crime Command", "ocu", "scd", 1.2, 0.3, 0, 0.8, Activity.Investigation),
        new("scd-flying-squad", "Flying Squad", "team", "scd", 0.8, 0.1, 0, 0.6, Activity.Investigation),
        new("scd-child-abuse", "Child Abuse Investigation Command", "ocu", "scd", 2.0, 0.5, 0, 0.3, Activity.Investigation),
        new("scd-economic-crime", "Economic and Specialist Crime Command", "ocu", "scd", 1.5, 1.0, 0, 0.3, Activity.Investigation),
        new("so", "Specialist Operations", "business_group", null, 1.0, 2.0, 0, 0.2, Activity.Office),
        new("so-counter-terrorism", "Counter Terrorism Command (SO15)", "ocu", "so", 4.0, 1.5, 0, 0.35, Activity.Investigation),
        new("so-royalty-protection", "Royalty and Specialist Protection (SO14)", "ocu", "so", 2.5, 0.3, 0, 0.15, Activity.Protection),
        new("so-diplomatic-protection", "Diplomatic Protection Group (SO6)", "ocu", "so", 2.5, 0.3, 0, 0.3, Activity.Protection),
        new("co", "Central Operations", "business_group", null, 1.0, 2.0, 0, 0.2, Activity.Office),
        new("co-tsg", "Territorial Support Group", "ocu", "co", 2.5, 0.1, 0, 3.0, Activity.Tsg),
        new("co-traffic", "Traffic OCU", "ocu", "co", 2.5, 0.5, 0, 1.4, Activity.Traffic),
        new("co-firearms", "Specialist Firearms Command (CO19)", "ocu", "co", 2.0, 0.2, 0, 0.8, Activity.Firearms),
        new("co-dogs", "Dog Support Unit", "team", "co", 0.8, 0.1, 0, 0.7, Activity.Transport),
        new("dps", "Directorate of Professional Standards", "business_group", null, 0.4, 0.6, 0, 0.1, Activity.Office),
        new("bsu-1", "DPS Borough Support Unit 1 (" + BsuAreas[0] + ")", "bsu", "dps", 0.15, 0.15, 0, 0.1, Activity.Office),
        new("bsu-2", "DPS Borough Support Unit 2 (" + BsuAreas[1] + ")", "bsu", "dps", 0.15, 0.15, 0, 0.1, Activity.Office),
        new("bsu-3", "DPS Borough Support Unit 3 (" + BsuAreas[2] + ")", "bsu", "dps", 0.15, 0.15, 0, 0.1, Activity.Office),
        new("bsu-4", "DPS Borough Support Unit 4 (" + BsuAreas[3] + ")", "bsu", "dps", 0.15, 0.15, 0, 0.1, Activity.Office),
        new("cst", "DPS Customer Service Team", "cst", "dps", 0.15, 0.4, 0, 0.1, Activity.Office),
        new("dps-investigations", "DPS Internal Investigations Command", "ocu", "dps", 0.4, 0.2, 0, 0.1, Activity.Investigation),
        new("dps-anti-corruption", "DPS Anti-Corruption Command", "ocu", "dps", 0.25, 0.1, 0, 0.1, Activity.Investigation),
        new("doi", "Directorate of Information", "business_group", null, 0.3, 12, 0, 0.05, Activity.Office),
        new("hr", "Human Resources", "business_group", null, 0.8, 9, 0, 0.05, Activity.Office),
        new("hr-training", "Training and Development Directorate (Hendon)", "ocu", "hr", 0.8, 3, 0, 0.1, Activity.Office),
        new("resources", "Resources", "business_group", null, 0.3, 10, 0, 0.05, Activity.Office),
        new("resources-legal", "Directorate of Legal Services", "directorate", "resources", 0, 1.0, 0, 0.05, Activity.Office),
    ];

    // Officer ranks, their share of officers, the least service for the rank and how often the rank is complained about.
    public static readonly string[] Ranks = ["PC", "PS", "Insp", "ChInsp", "Supt", "ChSupt", "Cdr", "DAC", "AC"];
    public static readonly double[] RankWeights = [75.4, 15, 6, 2, 0.9, 0.45, 0.12, 0.02, 0.012];
    public static readonly int[] RankMinYears = [0, 3, 6, 9, 12, 15, 18, 20, 22];
    public static readonly double[] RankSubjectFactor = [1, 0.8, 0.4, 0.15, 0.06, 0.04, 0.02, 0.02, 0.02];
    public const int FirstChiefOfficerRank = 6;

    public static readonly string[] AgeBands = ["under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus"];
    public static readonly string[] BroadGroups = ["white", "black", "asian", "mixed", "other"];

    /// <summary>Resident age profile per broad group (percent per age band, in <see cref="AgeBands"/> order).</summary>
    public static readonly double[][] AgeProfile =
    [
        [19, 9, 18, 16, 13, 11, 14],
        [28, 12, 18, 17, 12, 7, 6],
        [27, 12, 20, 16, 12, 7, 6],
        [45, 15, 16, 11, 7, 4, 2],
        [22, 13, 25, 18, 11, 6, 5],
    ];

    /// <summary>16+1 census codes within each broad group, with their relative frequency in London.</summary>
    public static readonly (string Code, double Weight)[][] DetailedCodes =
    [
        [("w1", 75), ("w2", 4), ("w9", 21)],
        [("b1", 45), ("b2", 45), ("b9", 10)],
        [("a1", 38), ("a2", 18), ("a3", 20), ("a9", 24)],
        [("m1", 30), ("m2", 15), ("m3", 25), ("m9", 30)],
        [("o1", 30), ("o9", 70)],
    ];

    public static readonly (string Code, double Weight)[] OfficerEthnicity =
    [
        ("w1", 82), ("w2", 2.0), ("w9", 6.0), ("b1", 1.7), ("b2", 0.9), ("b9", 0.3), ("a1", 1.6), ("a2", 0.5), ("a3", 0.4), ("a9", 0.7),
        ("m1", 0.5), ("m2", 0.2), ("m3", 0.3), ("m9", 0.4), ("o1", 0.3), ("o9", 0.7), ("not_stated", 1.5),
    ];

    public static readonly (string Code, double Weight)[] PoliceStaffEthnicity =
    [
        ("w1", 62), ("w2", 2), ("w9", 8), ("b1", 7), ("b2", 5), ("b9", 1), ("a1", 5), ("a2", 1.5), ("a3", 1), ("a9", 1.5),
        ("m1", 0.8), ("m2", 0.3), ("m3", 0.4), ("m9", 0.5), ("o1", 0.5), ("o9", 1), ("not_stated", 2.5),
    ];

    public static readonly (string Code, double Weight)[] PcsoEthnicity =
    [
        ("w1", 55), ("w2", 2), ("w9", 9), ("b1", 8), ("b2", 7), ("b9", 1.5), ("a1", 5), ("a2", 2.5), ("a3", 2.5), ("a9", 2),
        ("m1", 1), ("m2", 0.4), ("m3", 0.5), ("m9", 0.6), ("o1", 0.5), ("o9", 1), ("not_stated", 2),
    ];

    /// <summary>Allegation categories for public complaints (percent, roughly the DPS mix of 2008-2010).</summary>
    public static readonly (string Code, double Weight)[] ComplaintCategories =
    [
        ("other_neglect_or_failure_in_duty", 25), ("incivility", 20), ("oppressive_conduct_or_harassment", 12), ("other_assault", 10),
        ("unlawful_arrest_or_detention", 5), ("discriminatory_behaviour", 4), ("irregularity_in_evidence", 3), ("mishandling_of_property", 3.5),
        ("breach_pace_a", 2.5), ("breach_pace_b", 2), ("breach_pace_c", 3), ("breach_pace_d", 0.5), ("breach_pace_e", 0.3),
        ("traffic_irregularity", 2.5), ("other_irregularity_in_procedure", 2.5), ("serious_non_sexual_assault", 0.8), ("sexual_assault", 0.4),
        ("corrupt_practice", 0.7), ("improper_disclosure_of_information", 0.8), ("improper_use_of_it_systems", 0.3), ("theft", 0.3),
        ("fraud", 0.2), ("inappropriate_relationship", 0.2), ("other", 0.7),
    ];

    public static readonly (string Code, double Weight)[] ConductCategories =
    [
        ("corrupt_practice", 10), ("improper_use_of_it_systems", 14), ("improper_disclosure_of_information", 10), ("inappropriate_relationship", 7),
        ("social_networking", 5), ("business_interest", 4), ("substance_misuse", 4), ("theft", 5), ("fraud", 6),
        ("other_neglect_or_failure_in_duty", 12), ("discriminatory_behaviour", 4), ("sexual_assault", 2), ("other_assault", 5),
        ("traffic_irregularity", 5), ("other_irregularity_in_procedure", 4), ("other", 3),
    ];

    public static readonly (string Code, double Weight)[] DeathOrSeriousInjuryCategories =
    [
        ("serious_non_sexual_assault", 35), ("other_neglect_or_failure_in_duty", 40), ("other_assault", 10), ("traffic_irregularity", 15),
    ];

    public static readonly (string Code, double Weight)[] CivilClaimCategories =
    [
        ("unlawful_arrest_or_detention", 35), ("other_assault", 25), ("oppressive_conduct_or_harassment", 10), ("mishandling_of_property", 10),
        ("breach_pace_b", 5), ("serious_non_sexual_assault", 5), ("other_neglect_or_failure_in_duty", 10),
    ];

    public static readonly (string Code, double Weight)[] TribunalCategories =
    [
        ("discriminatory_behaviour", 60), ("oppressive_conduct_or_harassment", 30), ("other", 10),
    ];

    public static readonly (string Code, double Weight)[] GrievanceCategories =
    [
        ("oppressive_conduct_or_harassment", 40), ("discriminatory_behaviour", 25), ("other_irregularity_in_procedure", 20), ("incivility", 15),
    ];

    public static readonly (string Type, string[] Descriptions)[] BusinessInterests =
    [
        ("second_job", ["Part-time fitness instructor", "Weekend bar work", "Private tutoring (GCSE maths)", "Driving instructor", "Football referee (paid)", "Retail work at weekends"]),
        ("company_director", ["Director of a family property company", "Director of a sports coaching company", "Director of a small building firm"]),
        ("property_letting", ["Letting of a flat in Kent", "Letting of former family home", "Letting of a room (lodger)"]),
        ("self_employment", ["Wedding photography", "Plumbing and heating", "Dog walking", "Personal training", "Web design"]),
        ("shareholding", ["Shares in a family business", "Shareholding in a private security company"]),
        ("voluntary_work", ["Trustee of a youth charity", "School governor"]),
        ("family_business", ["Spouse's restaurant", "Partner's taxi firm", "Parents' newsagent"]),
    ];

    public static readonly double[] BusinessInterestTypeWeights = [35, 10, 25, 15, 5, 5, 5];

    /// <summary>Given names and surnames, by the origin that goes with a census code.</summary>
    internal sealed record NamePool(string[] Male, string[] Female, string[] Surnames);

    private static readonly string[] BritishMale =
    [
        "James", "John", "David", "Paul", "Mark", "Michael", "Andrew", "Richard", "Stephen", "Robert", "Peter", "Simon", "Christopher",
        "Daniel", "Matthew", "Thomas", "Gary", "Ian", "Neil", "Stuart", "Darren", "Lee", "Craig", "Jason", "Adam", "Ben", "Samuel",
        "Tom", "Steven", "Martin", "Kevin", "Anthony", "Philip", "Graham", "Colin", "Alan", "Keith", "Nicholas", "Jonathan", "Luke",
        "Jamie", "Ryan", "Scott", "Carl", "Wayne", "Dean", "Russell", "Gareth", "Owen", "Rhys", "Alistair", "Callum", "Joseph", "William",
    ];

    private static readonly string[] BritishFemale =
    [
        "Sarah", "Emma", "Claire", "Rachel", "Laura", "Helen", "Nicola", "Louise", "Joanne", "Lisa", "Karen", "Julie", "Amanda",
        "Michelle", "Kelly", "Victoria", "Charlotte", "Hannah", "Rebecca", "Jessica", "Katie", "Amy", "Sophie", "Lucy", "Kate",
        "Jennifer", "Elizabeth", "Catherine", "Susan", "Deborah", "Tracey", "Samantha", "Gemma", "Zoe", "Natalie", "Joanna", "Alison",
        "Fiona", "Kirsty", "Jane", "Anne", "Ruth", "Eleanor", "Abigail",
    ];

    private static readonly string[] BritishSurnames =
    [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson",
        "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Jackson", "Wood",
        "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
        "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Cook", "Carter",
        "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Miller", "Cox", "Richards", "Marshall", "Simpson", "Ellis", "Adams",
        "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Hunt", "Holmes", "Palmer", "Mills", "Barnes",
        "Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Dixon", "Harvey", "Pearson", "Fletcher",
        "Campbell", "Stewart", "Reid", "Fraser", "Murray", "Hamilton", "Gibson", "Howard", "Saunders", "Lawrence", "Newman", "Hayes",
    ];

    private static readonly string[] IrishMale = ["Patrick", "Sean", "Declan", "Liam", "Connor", "Brendan", "Ciaran", "Eoin", "Kieran", "Michael", "Niall", "Padraig"];
    private static readonly string[] IrishFemale = ["Siobhan", "Ciara", "Aoife", "Niamh", "Roisin", "Mary", "Bridget", "Orla", "Sinead", "Grainne", "Maeve"];
    private static readonly string[] IrishSurnames =
    [
        "Murphy", "Kelly", "O'Brien", "O'Connor", "McCarthy", "Doyle", "Byrne", "Walsh", "Ryan", "O'Sullivan", "Kennedy", "Lynch",
        "Quinn", "Brennan", "Gallagher", "Donnelly", "McLaughlin", "Fitzgerald", "Nolan", "Farrell",
    ];

    private static readonly string[] EuropeanMale =
    [
        "Piotr", "Tomasz", "Marek", "Marco", "Luca", "Giorgos", "Nikos", "Andreas", "Joao", "Pedro", "Mehmet", "Emre", "Stefan",
        "Lukas", "Pierre", "Antoine", "Carlos", "Miguel", "Dimitri", "Pawel",
    ];
    private static readonly string[] EuropeanFemale =
    [
        "Agnieszka", "Katarzyna", "Anna", "Giulia", "Francesca", "Eleni", "Maria", "Sofia", "Ana", "Ayse", "Elif", "Ines", "Camille",
        "Magdalena", "Lucia", "Christina",
    ];
    private static readonly string[] EuropeanSurnames =
    [
        "Kowalski", "Nowak", "Wisniewski", "Rossi", "Russo", "Esposito", "Papadopoulos", "Georgiou", "Christodoulou", "Costa",
        "Silva", "Santos", "Ferreira", "Yilmaz", "Demir", "Kaya", "Ozturk", "Muller", "Dubois", "Garcia", "Fernandez", "Novak",
    ];

    private static readonly string[] CaribbeanMale =
    [
        "Delroy", "Winston", "Leroy", "Marcus", "Andre", "Jermaine", "Tyrone", "Desmond", "Clive", "Errol", "Nathaniel", "Dwayne",
        "Kelvin", "Carlton", "Trevor", "Michael", "Daniel", "Anthony", "Courtney", "Lloyd",
    ];
    private static readonly string[] CaribbeanFemale =
    [
        "Simone", "Marcia", "Beverley", "Sharon", "Janet", "Patricia", "Claudette", "Yvonne", "Tanisha", "Keisha", "Shanice",
        "Jade", "Natasha", "Donna", "Paulette", "Jacqueline",
    ];
    private static readonly string[] CaribbeanSurnames =
    [
        "Campbell", "Williams", "Brown", "Johnson", "Thomas", "Francis", "Henry", "Grant", "Clarke", "Lewis", "Reid", "Gordon",
        "Morgan", "Richards", "Bailey", "Bennett", "Samuels", "Douglas", "Walters", "Forbes", "McKenzie", "Spencer",
    ];

    private static readonly string[] AfricanMale =
    [
        "Kwame", "Kofi", "Chukwuemeka", "Oluwaseun", "Adebayo", "Tunde", "Femi", "Emmanuel", "Samuel", "Joshua", "Isaac", "Chidi",
        "Olumide", "Kwabena", "Yaw", "Babatunde", "Godfrey", "Ifeanyi", "Abubakar", "Mohamed",
    ];
    private static readonly string[] AfricanFemale =
    [
        "Grace", "Blessing", "Funmilayo", "Adaeze", "Ngozi", "Chioma", "Abena", "Ama", "Precious", "Faith", "Esther", "Folake",
        "Yewande", "Efua", "Nneka", "Amina",
    ];
    private static readonly string[] AfricanSurnames =
    [
        "Okafor", "Okonkwo", "Adeyemi", "Adebayo", "Mensah", "Asante", "Boateng", "Owusu", "Osei", "Appiah", "Nwosu", "Eze", "Obi",
        "Okoro", "Balogun", "Ogunleye", "Afolabi", "Akinola", "Bakare", "Kamara", "Sesay", "Bangura", "Conteh", "Mwangi", "Oyelaran",
    ];

    private static readonly string[] SomaliMale = ["Abdi", "Mohamed", "Ahmed", "Hassan", "Yusuf", "Abdirahman", "Ibrahim", "Omar", "Ali", "Mustafa"];
    private static readonly string[] SomaliFemale = ["Hodan", "Amina", "Fadumo", "Sahra", "Ayan", "Hibo", "Nimco", "Khadra", "Ifrah", "Deeqa"];
    private static readonly string[] SomaliSurnames = ["Abdi", "Hassan", "Farah", "Ali", "Mohamed", "Warsame", "Osman", "Jama", "Nur", "Egal", "Aden", "Hersi"];

    private static readonly string[] IndianMale =
    [
        "Raj", "Sanjay", "Vikram", "Amit", "Rahul", "Anil", "Sunil", "Ravi", "Deepak", "Harpreet", "Gurpreet", "Jaspal", "Kuldip",
        "Arjun", "Nikhil", "Jatinder", "Rajesh", "Manoj", "Ashok", "Sandeep",
    ];
    private static readonly string[] IndianFemale =
    [
        "Priya", "Anita", "Sunita", "Meena", "Neha", "Pooja", "Kiran", "Harjit", "Manjit", "Simran", "Jasvinder", "Reena", "Seema",
        "Anjali", "Divya", "Rupinder",
    ];
    private static readonly string[] IndianSurnames =
    [
        "Patel", "Shah", "Singh", "Sharma", "Gupta", "Kumar", "Mistry", "Parmar", "Chauhan", "Joshi", "Mehta", "Desai", "Sandhu",
        "Gill", "Dhillon", "Sidhu", "Bains", "Varma", "Pillai", "Nair", "Rao",
    ];

    private static readonly string[] PakistaniMale = ["Mohammed", "Imran", "Tariq", "Asif", "Kamran", "Zubair", "Bilal", "Hamza", "Shahid", "Nadeem", "Usman", "Adnan", "Faisal", "Zahid"];
    private static readonly string[] PakistaniFemale = ["Aisha", "Ayesha", "Nadia", "Sana", "Shazia", "Rukhsana", "Nasreen", "Saima", "Rubina", "Yasmin", "Nazia", "Bushra"];
    private static readonly string[] PakistaniSurnames = ["Khan", "Ahmed", "Hussain", "Iqbal", "Akhtar", "Mahmood", "Malik", "Butt", "Qureshi", "Raza", "Siddiqui", "Shah", "Aslam", "Javed"];

    private static readonly string[] BangladeshiMale = ["Abdul", "Mohammed", "Rashid", "Aftab", "Shahid", "Jamal", "Rahim", "Kamal", "Anwar", "Habib", "Nazrul", "Sohel"];
    private static readonly string[] BangladeshiFemale = ["Fatima", "Farzana", "Salma", "Shabana", "Rahima", "Nasima", "Taslima", "Jesmin", "Shirin", "Rokeya"];
    private static readonly string[] BangladeshiSurnames = ["Rahman", "Begum", "Islam", "Uddin", "Miah", "Chowdhury", "Hossain", "Ahmed", "Ali", "Khatun", "Alam", "Hoque"];

    private static readonly string[] SriLankanMale = ["Suresh", "Ramesh", "Sivakumar", "Dinesh", "Kumaran", "Nimal", "Ruwan", "Tharindu", "Prakash", "Kannan"];
    private static readonly string[] SriLankanFemale = ["Lakshmi", "Dilani", "Tharshini", "Nirmala", "Shanthi", "Kavitha", "Malini", "Chamari", "Sharmila"];
    private static readonly string[] SriLankanSurnames = ["Perera", "Fernando", "Jayasuriya", "Silva", "Sivakumar", "Rajan", "Selvarajah", "Kumar", "Navaratnam", "Wickramasinghe"];

    private static readonly string[] ChineseMale = ["Wei", "Jun", "Ming", "Hao", "Kevin", "Alan", "Tony", "Eric", "Kenneth", "Raymond", "Minh", "Duc"];
    private static readonly string[] ChineseFemale = ["Mei", "Xin", "Ling", "Hui", "Jenny", "Grace", "Vivian", "Karen", "Michelle", "Linh", "Mai"];
    private static readonly string[] ChineseSurnames = ["Chan", "Wong", "Li", "Zhang", "Wang", "Chen", "Liu", "Lam", "Cheung", "Ng", "Ho", "Yip", "Tang", "Lau", "Nguyen", "Tran"];

    private static readonly string[] OtherMale = ["Omar", "Karim", "Ali", "Reza", "Dariush", "Juan", "Diego", "Rafael", "Tariq", "Hamid", "Sami", "Youssef", "Hiroshi", "Arash"];
    private static readonly string[] OtherFemale = ["Leila", "Yasmin", "Sara", "Maryam", "Shirin", "Carmen", "Isabel", "Daniela", "Rania", "Nour", "Yuki", "Dina"];
    private static readonly string[] OtherSurnames = ["Haddad", "Khoury", "Mansour", "Said", "Karimi", "Hosseini", "Ahmadi", "Rodriguez", "Gonzalez", "Moreno", "Mendoza", "Nasser", "Tanaka", "Rezaei"];

    public static readonly NamePool British = new(BritishMale, BritishFemale, BritishSurnames);
    public static readonly NamePool Irish = new(IrishMale, IrishFemale, IrishSurnames);
    public static readonly NamePool European = new(EuropeanMale, EuropeanFemale, EuropeanSurnames);
    public static readonly NamePool Caribbean = new(CaribbeanMale, CaribbeanFemale, CaribbeanSurnames);
    public static readonly NamePool African = new(AfricanMale, AfricanFemale, AfricanSurnames);
    public static readonly NamePool Somali = new(SomaliMale, SomaliFemale, SomaliSurnames);
    public static readonly NamePool Indian = new(IndianMale, IndianFemale, IndianSurnames);
    public static readonly NamePool Pakistani = new(PakistaniMale, PakistaniFemale, PakistaniSurnames);
    public static readonly NamePool Bangladeshi = new(BangladeshiMale, BangladeshiFemale, BangladeshiSurnames);
    public static readonly NamePool SriLankan = new(SriLankanMale, SriLankanFemale, SriLankanSurnames);
    public static readonly NamePool Chinese = new(ChineseMale, ChineseFemale, ChineseSurnames);
    public static readonly NamePool Other = new(OtherMale, OtherFemale, OtherSurnames);

    /// <summary>A realistic name for someone of the given census code: mostly from the matching pool, sometimes from another.</summary>
    public static string DisplayName(Random rng, string ethnicity, bool female)
    {
        NamePool given, family;
        switch (ethnicity)
        {
            case "w2": given = family = Irish; break;
            case "w9": given = family = rng.Chance(0.6) ? European : British; break;
            case "b1": given = rng.Chance(0.5) ? Caribbean : British; family = Caribbean; break;
            case "b2": given = rng.Chance(0.75) ? African : British; family = African; break;
            case "b9": given = family = rng.Chance(0.6) ? Somali : African; break;
            case "a1": given = family = Indian; break;
            case "a2": given = family = Pakistani; break;
            case "a3": given = family = Bangladeshi; break;
            case "a9": given = family = rng.Chance(0.6) ? SriLankan : Indian; break;
            case "m1": given = British; family = rng.Chance(0.5) ? Caribbean : British; break;
            case "m2": given = rng.Chance(0.5) ? African : British; family = rng.Chance(0.5) ? African : British; break;
            case "m3": given = rng.Chance(0.5) ? Indian : British; family = rng.Chance(0.5) ? Pakistani : British; break;
            case "m9": given = British; family = rng.Chance(0.5) ? Other : European; break;
            case "o1": given = family = Chinese; break;
            case "o9": given = family = Other; break;
            default: given = family = rng.Chance(0.1) ? Irish : British; break;
        }
        var first = rng.Pick(female ? given.Female : given.Male);
        var last = rng.Pick(family.Surnames);
        return first + " " + last;
    }
}
