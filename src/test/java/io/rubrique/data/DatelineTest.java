package io.rubrique.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatelineTest {
    private final Dateline dateline = new Dateline();

    @Test
    void stampsInTheSiteFormsNameTheirDay() {
        LocalDate day = LocalDate.of(2021, 11, 16);
        for (String line : new String[] {"16/11/2021", "16/11/2021 10:20", "16/11/2021 10:20 GMT+7",
            "mardi, 16/11/2021 10:20", "Publié le 16/11/2021 à 10h20", "Publié le mardi 16 novembre 2021 à 10h20 (GMT+7)",
            "16 novembre 2021", "16-11-2021 | 10:20:05", "Mis à jour : 16/11/2021 08:05"}) {
            assertTrue(dateline.isStamp(line), line);
            assertEquals(Optional.of(day), dateline.stamp(line), line);
        }
        assertEquals(Optional.of(LocalDate.of(2017, 11, 1)), dateline.stamp("1er novembre 2017"));
        assertTrue(dateline.isUpdate("Mis à jour : 16/11/2021 08:05"));
        assertFalse(dateline.isUpdate("16/11/2021 10:20"));
    }

    @Test
    void sentencesAndImpossibleDaysAreNoDate() {
        for (String line : new String[] {"Le Vietnam a plaidé mardi 16 novembre en faveur de la diplomatie numérique.",
            "16 novembre", "Le 16/11/2021, le forum s'est ouvert.", "Paris, 19 septembre (VNA) - Le premier dialogue"}) {
            assertFalse(dateline.isStamp(line), line);
            assertEquals(Optional.empty(), dateline.stamp(line), line);
        }
        assertEquals(Optional.empty(), dateline.stamp("31/02/2021"));
        assertEquals(Optional.empty(), dateline.stamp("16/11/1850"));
    }

    @Test
    void onlyADatelineWithAYearNamesADay() {
        assertEquals(Optional.of(LocalDate.of(2019, 9, 19)),
                dateline.dateline("Paris, 19 septembre 2019 (VNA) - Le premier dialogue a eu lieu."));
        assertEquals(Optional.of(LocalDate.of(2017, 11, 10)),
                dateline.dateline("Dà Nang, vendredi 10 novembre 2017 (VNA) – Les deux présidents ont publié."));
        assertEquals(Optional.empty(), dateline.dateline("Paris, 19 septembre (VNA) - Le premier dialogue."));
        assertEquals(Optional.empty(), dateline.dateline("Hanoi (VNA) – Le Vietnam a plaidé mardi 16 novembre 2021."));
    }
}
