package io.rubrique.data;

import static io.rubrique.data.Seeds.PAGE_000;
import static io.rubrique.data.Seeds.PAGE_001;
import static io.rubrique.data.Seeds.PAGE_002;
import static io.rubrique.data.Seeds.PAGE_003;
import static io.rubrique.data.Seeds.PAGE_004;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageParserTest {
    private final PageParser parser = new PageParser();

    private ParsedPage seed(String name) throws IOException {
        return parser.read(Seeds.seed(name));
    }

    private static List<String> titles(ParsedPage p) {
        return p.teasers().stream().map(Candidate::title).toList();
    }

    @Test
    void page000ArticleAndTeasersAreCut() throws IOException {
        ParsedPage p = seed(PAGE_000);
        assertEquals("Le Vietnam exhorte à saisir l’opportunité de la diplomatie numérique", p.article().title());
        assertTrue(p.article().text().startsWith("Le Vietnam a plaidé mardi 16 novembre"));
        assertTrue(p.article().text().endsWith("résoudre les problèmes mondiaux.– VNA"));
        assertEquals(List.of(
                "Coopération approfondie entre les deux Partis communistes Vietnam–Cuba",
                "Le Vietnam participe à la 24e Assemblée générale de la VECONAC en Indonésie",
                "Le Premier ministre Pham Minh Chinh renforce la coopération décentralisée Vietnam–Japon à Quang Ninh",
                "📝Édito: Quand les actions en ligne aident ou nuisent en temps de crise",
                "L'Australie renforce son soutien au Vietnam dans la recherche des soldats disparus",
                "Le Vietnam et l’UE intensifient leur coopération globale",
                "Le Vietnam dynamise la coopération au Moyen-Orient et en Afrique",
                "Vietnam et Chine renforcent leur coopération politique et judiciaire",
                "Médias sud-africains : focus sur la coopération inclusive avec le Vietnam"), titles(p));
        // on this copy of the page the last teaser does have its lead
        assertTrue(p.teasers().get(8).text().startsWith("Les médias sud-africains ont mis l'accent"));
    }

    @Test
    void page001DropsDoubledCaptionImageFileAndSourceLine() throws IOException {
        ParsedPage p = seed(PAGE_001);
        assertEquals("Le Vietnam joue un rôle prépondérant dans la stratégie numérique de l’ASEAN", p.article().title());
        assertTrue(p.article().text().startsWith("Au-delà des efforts régionaux, chaque État membre"));
        assertFalse(p.article().text().contains("Kao Kim Hourn (à droite)"));
        assertFalse(p.article().text().contains("chefs de délégation"));
        assertEquals(List.of(
                "Printemps au pays natal: Promovoir la diaspora comme acteur du développement",
                "La visite d’État du leader du PCV renforce la confiance politique Vietnam-Cambodge",
                "La visite d’État du leader du PCV au Laos et au Camboge hisse les liens à un nouveau palier",
                "Le Vietnam hisse sa diplomatie à la hauteur de sa nouvelle stature et de sa position",
                "Résolution du 14ᵉ Congrès : renforcer l’innovation pour atteindre les objectifs de développement"
                        + " socioéconomique",
                "Le secrétaire général To Lam souligne la nécessité d'unifier la pensée pour passer résolument de la"
                        + " parole à l’action",
                "Les dix groupes de missions majeures pour le renforcement du Parti au 14ᵉ Congrès national",
                "Résolution du 14ᵉ Congrès du Parti : façonner une nouvelle pensée de développement et ouvrir l'ère"
                        + " de l'essor",
                "Accord commercial réciproque : le Vietnam et les États-Unis accélèrent les négociations",
                "Le nouvel ambassadeur du Vietnam en France présente ses lettres de créance",
                "Mettre en œuvre avec succès la Résolution du 14ᵉ Congrès du Parti pour conduire le pays vers une"
                        + " nouvelle ère"), titles(p));
    }

    @Test
    void page002DropsSourceCaptionAndNbspOnlyLines() throws IOException {
        ParsedPage p = seed(PAGE_002);
        assertEquals("Premier dialogue Vietnam-France sur la stratégie de sécurité et de défense", p.article().title());
        List<String> paragraphs = List.of(p.article().text().split("\n\n"));
        assertEquals("Le premier dialogue Vietnam-France sur la stratégie de sécurité et de défense a eu lieu à Paris"
                + " le 18 septembre.", paragraphs.get(0));
        assertTrue(paragraphs.get(1).startsWith("Paris, 19 septembre (VNA)"));
        assertTrue(paragraphs.stream().noneMatch(String::isBlank));
        assertEquals(List.of(
                "Le 14e Congrès national du Parti définira l'avenir du Vietnam",
                "ASEAN : la Déclaration de Hanoï sur la coopération numérique adoptée",
                "Le Vietnam et Singapour boostent leur coopération en matière de 5G et de gouvernance de l'IA",
                "Le 14e Congrès du Parti, tremplin pour la prochaine phase de développement du Vietnam",
                "Une nouvelle ère s’annonce avec l’essor de l’économie numérique vietnamienne",
                "14e Congrès du PCV : un événement suivi avec un vif intérêt par le Venezuela",
                "La diplomatie jette des bases solides pour l’entrée du Vietnam dans une nouvelle ère de développement",
                "Le Vietnam et Singapour coopèrent sur la cybersécurité et la transformation numérique"), titles(p));
    }

    @Test
    void page003SubHeadingIsJoinedToTitleAndArmyTeaserKeepsTwoParagraphLead() throws IOException {
        ParsedPage p = seed(PAGE_003);
        assertEquals("Le Vietnam et la Russie coopèrent sur la sécurité de l’information internationale — Déclaration"
                + " conjointe Vietnam-Russie sur la garantie de la sécurité de l’information internationale",
                p.article().title());
        assertTrue(p.article().text().startsWith("Le président vietnamien Trân Dai Quang et le président russe"));
        assertFalse(p.article().text().contains("Déclaration conjointe Vietnam-Russie sur la garantie"));
        assertEquals(List.of(
                "Le Vietnam souligne ses réalisations diplomatiques et ses liens accrus avec le Brésil et le Guyana",
                "Le Premier ministre exhorte le secteur de la Construction à mettre en œuvre « cinq garanties et six"
                        + " percées »",
                "L’ARMÉE POPULAIRE AVANCE RÉSOLUMENT SOUS LE DRAPEAU GLORIEUX DU PARTI",
                "Vietnam–France : renforcement du partenariat stratégique global",
                "Un haut responsable du Parti examine les préparatifs du 14e Congrès national du Parti",
                "Migration : l’OIM encourage le Vietnam à devenir un pays champion du GCM",
                "Le secteur de la sensibilisation et de la mobilisation des masses dresse le bilan de ses activités"
                        + " en 2025",
                "Chaque citoyen doit devenir un \"citoyen numérique\", selon le Premier ministre"), titles(p));
        String[] armyLead = p.teasers().get(2).text().split("\n\n");
        assertEquals(2, armyLead.length);
        assertTrue(armyLead[0].endsWith("Président Ho Chi Minh :"));
        assertTrue(armyLead[1].startsWith("« Notre armée est loyale"));
    }

    @Test
    void page004DropsImageCaptionWrappedOntoTheNextLine() throws IOException {
        ParsedPage p = seed(PAGE_004);
        assertEquals("Vietnam-Laos : renforcement de la coopération dans l'information et la communication",
                p.article().title());
        assertFalse(p.article().text().contains("(droite)"));
        assertTrue(p.article().text().contains("\n\nCe dernier a affirmé que le Vietnam"));
        assertEquals(8, p.teasers().size());
        assertEquals("Convention de Hanoï : protéger la souveraineté tout en renforçant le multilatéralisme",
                p.teasers().get(0).title());
        assertEquals("Convention de Hanoi : l’accueil par le Vietnam de la cérémonie de signature impressionne",
                p.teasers().get(7).title());
    }

    @Test
    void noPageFurnitureIsLeftInAnyTitleOrText() throws IOException {
        for (Path page : Seeds.all()) {
            ParsedPage p = parser.read(page);
            List<Candidate> all = new ArrayList<>(p.teasers());
            all.add(p.article());
            for (Candidate c : all) {
                for (String s : List.of(c.title(), c.text())) {
                    assertFalse(Seeds.FURNITURE.matcher(s).find(), page.getFileName() + ": " + s);
                    assertEquals(Normalizer.normalize(s, Normalizer.Form.NFC), s);
                    assertEquals(s.strip(), s);
                    assertFalse(s.isEmpty());
                }
            }
        }
    }

    @Test
    void gluedWordsOfThePageAreKeptAsTheyAre() throws IOException {
        String text = seed(PAGE_000).article().text();
        assertTrue(text.contains("le contexte desrestrictions liées"));
        assertTrue(text.contains("moyen de diplomatiepublique mais"), "NBSP became a plain space");
    }

    @Test
    void crlfAndBomGiveTheSameRecords(@TempDir Path tmp) throws IOException {
        for (Path page : Seeds.all()) {
            String lf = Files.readString(page, StandardCharsets.UTF_8);
            Path crlf = tmp.resolve(page.getFileName());
            Files.writeString(crlf, "\uFEFF" + lf.replace("\n", "\r\n"), StandardCharsets.UTF_8);
            assertEquals(parser.read(page), parser.read(crlf));
        }
    }

    @Test
    void invalidUtf8IsAnErrorNamingTheFile(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("latin1.txt");
        Files.write(bad, "Titre\n\nLe d\u00e9l\u00e9gu\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        IOException e = assertThrows(IOException.class, () -> parser.read(bad));
        assertTrue(e.getMessage().contains("latin1.txt") && e.getMessage().contains("not valid UTF-8"),
                e.getMessage());
    }

    @Test
    void teaserWithoutCaptionIsNotLost() {
        ParsedPage p = parser.parse("x.txt", """
                Titre de l'article

                Chapeau de l'article.

                Voir plus

                Légende. Photo: VNA

                Premier titre

                Premier chapeau.

                Second titre sans légende

                Second chapeau.
                """);
        assertEquals(List.of("Premier titre", "Second titre sans légende"), titles(p));
        assertEquals("Second chapeau.", p.teasers().get(1).text());
    }

    @Test
    void teaserWithoutLeadKeepsItsTitleAsText() {
        ParsedPage p = parser.parse("x.txt", """
                Titre

                Chapeau.

                Voir plus

                Légende. Photo : VNA

                Titre seul
                """);
        assertEquals(1, p.teasers().size());
        assertEquals("Titre seul", p.teasers().get(0).text());
    }

    @Test
    void pageWithoutTextIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> parser.parse("empty.txt", "\n\u00A0\nVoir plus\n"));
    }

    @Test
    void photoCreditsOfTheSeedsAreCaptions() {
        for (String line : List.of("Lors de l'entretien. Photo : VNA", "… Hanoï. (Photo : VNA)", "Tu. Photo / VNA",
                "Nghi. Photo : ambassade du Vietnam au Brésil", "VECONAC 24. Photo : hoiccbvietnam.vn",
                "En 2025, le commerce. Photo: VietnamPlus", "Premier dialogue ảnh 1(Source: customsnews)")) {
            assertTrue(PageParser.endsWithCredit(line), line);
        }
        assertFalse(PageParser.endsWithCredit("une exposition de livres, photos et journaux sur les relations."));
    }

    @Test
    void aDateStampDatesTheArticleWithItsPublicationDayAndIsNeverTitleOrText() throws IOException {
        ParsedPage p = parser.read(Seeds.page("dated-stamp.txt"));
        // published 16/11 (the stamp under the title), updated 17/11 (the line above it): the publication counts
        assertEquals(java.time.LocalDate.of(2021, 11, 16), p.article().date());
        assertEquals("Un forum régional sur la cybersécurité se tient à Hanoi", p.article().title());
        assertFalse(p.article().text().contains("GMT"), p.article().text());
        assertFalse(p.article().text().contains("08:05"), p.article().text());
        assertEquals(1, p.teasers().size());
        assertEquals(null, p.teasers().get(0).date());
        assertEquals("Une délégation du ministère a rencontré ses homologues japonais à Tokyo.",
                p.teasers().get(0).text());
    }

    @Test
    void aDatelineWithAYearDatesTheArticleAndStaysInItsText() throws IOException {
        ParsedPage p = parser.read(Seeds.page("dated-dateline.txt"));
        assertEquals(java.time.LocalDate.of(2017, 11, 2), p.article().date());
        assertTrue(p.article().text().contains("Vientiane, 2 novembre 2017 (VNA)"));
        assertEquals(null, p.teasers().get(0).date());
    }

    @Test
    void seedPagesNameNoYearSoTheirArticlesStayUndated() throws IOException {
        // "Paris, 19 septembre (VNA)", "mardi 16 novembre": a day without a year is not guessed
        for (Path page : Seeds.all()) {
            ParsedPage p = parser.read(page);
            assertEquals(null, p.article().date(), page.toString());
        }
    }
}
