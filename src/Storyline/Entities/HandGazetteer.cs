namespace Storyline.Entities;

/// <summary>A small hand-written gazetteer: countries, regions and continents (LOC); nationalities, demonyms, religions, languages and party labels (MISC).</summary>
internal static class HandGazetteer
{
    private const string Locations =
        "Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|Bahrain|Bangladesh|" +
        "Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Bosnia and Herzegovina|Herzegovina|Botswana|Brazil|Brunei|" +
        "Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chad|Chile|China|Colombia|Congo|Costa Rica|Croatia|Cuba|Cyprus|" +
        "Czech Republic|Czechia|Denmark|Djibouti|Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Ethiopia|Fiji|" +
        "Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Guatemala|Guinea|Guyana|Haiti|Honduras|Hong Kong|Hungary|" +
        "Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kosovo|" +
        "Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Macau|Macedonia|Madagascar|" +
        "Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|" +
        "Myanmar|Burma|Namibia|Nepal|Netherlands|Holland|New Zealand|Nicaragua|Niger|Nigeria|North Korea|Norway|Oman|Pakistan|" +
        "Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Saudi Arabia|" +
        "Senegal|Serbia|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Korea|Korea|South Sudan|Spain|" +
        "Sri Lanka|Sudan|Suriname|Swaziland|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Tibet|Togo|Trinidad|" +
        "Tobago|Tunisia|Turkey|Turkmenistan|Uganda|Ukraine|United Arab Emirates|United Kingdom|Britain|Great Britain|England|" +
        "Scotland|Wales|Northern Ireland|United States|United States of America|America|U.S.|US|USA|U.K.|UK|Uruguay|Uzbekistan|" +
        "Vatican|Venezuela|Vietnam|Yemen|Yugoslavia|Zaire|Zambia|Zimbabwe|Xinjiang|Gaza|West Bank|Chechnya|Kashmir|Kurdistan|" +
        "Europe|Asia|Africa|North America|South America|Latin America|Middle East|Antarctica|Oceania|Caribbean|Balkans|Scandinavia|" +
        "Siberia|Pacific|Atlantic|Mediterranean";

    private const string Miscellaneous =
        "Afghan|Albanian|Algerian|American|Angolan|Arab|Arabian|Argentine|Argentinian|Armenian|Asian|Australian|Austrian|" +
        "Azerbaijani|Azeri|Bangladeshi|Belarusian|Belgian|Bolivian|Bosnian|Brazilian|British|Briton|Bulgarian|Burmese|Cambodian|" +
        "Cameroonian|Canadian|Chilean|Chinese|Colombian|Congolese|Croat|Croatian|Cuban|Cypriot|Czech|Danish|Dane|Dutch|Ecuadorian|" +
        "Egyptian|English|Eritrean|Estonian|Ethiopian|European|Filipino|Finnish|Finn|French|Frenchman|Georgian|German|Ghanaian|" +
        "Greek|Guatemalan|Haitian|Hungarian|Icelandic|Indian|Indonesian|Iranian|Iraqi|Irish|Israeli|Italian|Jamaican|Japanese|" +
        "Jordanian|Kazakh|Kenyan|Korean|Kosovar|Kurd|Kurdish|Kuwaiti|Kyrgyz|Lao|Latvian|Lebanese|Liberian|Libyan|Lithuanian|" +
        "Macedonian|Malaysian|Malian|Maltese|Mexican|Moldovan|Mongolian|Montenegrin|Moroccan|Mozambican|Namibian|Nepalese|" +
        "Nigerian|Norwegian|Pakistani|Palestinian|Panamanian|Paraguayan|Persian|Peruvian|Polish|Pole|Portuguese|Romanian|" +
        "Russian|Rwandan|Saudi|Scottish|Scot|Senegalese|Serb|Serbian|Slovak|Slovenian|Slovene|Somali|Spanish|Spaniard|Sri Lankan|" +
        "Sudanese|Swedish|Swede|Swiss|Syrian|Taiwanese|Tajik|Tanzanian|Thai|Tibetan|Tunisian|Turkish|Turk|Turkmen|Ugandan|" +
        "Ukrainian|Uruguayan|Uzbek|Uighur|Uyghur|Venezuelan|Vietnamese|Welsh|Yemeni|Yugoslav|Zambian|Zimbabwean|African|Latin American|" +
        "Middle Eastern|Western|Muslim|Moslem|Christian|Catholic|Protestant|Jewish|Jew|Islamic|Hindu|Buddhist|Sikh|Shi'ite|" +
        "Sunni|Arabic|Hebrew|Mandarin|Cantonese|Hispanic|Asian-American|African-American|Nordic|Scandinavian|Balkan|Caribbean|" +
        "Olympic|Olympics|Communist|Marxist|Republican|Democrat|Democratic|Conservative|Labour|Socialist";

    /// <summary>Every entry as (phrase with tokens separated by spaces, type).</summary>
    public static IEnumerable<(string Phrase, string Type)> Entries =>
        Locations.Split('|').Select(p => (p, "LOC")).Concat(Miscellaneous.Split('|').Select(p => (p, "MISC")));
}
