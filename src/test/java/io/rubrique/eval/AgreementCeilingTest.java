package io.rubrique.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rubrique.eval.RunReport.Ceiling;
import io.rubrique.eval.RunReport.LabellerAgreement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a model's F1 stands against the labellers' agreement: below, at the ceiling, or can't tell yet. */
class AgreementCeilingTest {
    @Test
    void aModelBelowTheLabellersLowerBoundIsBelowEvenWithAWideInterval() {
        assertEquals(Ceiling.BELOW, LabellerAgreement.ceiling(List.of(0.48, 0.98), 0.2));
    }

    @Test
    void aModelReachingANarrowIntervalIsAtTheCeiling() {
        assertEquals(Ceiling.AT, LabellerAgreement.ceiling(List.of(0.75, 1.0), 0.93));
        assertEquals(Ceiling.AT, LabellerAgreement.ceiling(List.of(0.75, 1.0), 0.75));
    }

    @Test
    void aWideIntervalOrNoneCannotPlaceTheCeiling() {
        assertEquals(Ceiling.CANT_TELL, LabellerAgreement.ceiling(List.of(0.0, 1.0), 0.5));
        assertEquals(Ceiling.CANT_TELL, LabellerAgreement.ceiling(null, 0.5));
        assertEquals(Ceiling.CANT_TELL, LabellerAgreement.ceiling(List.of(0.7, 0.9), Double.NaN));
    }
}
