package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import weka.classifiers.Classifier;
import weka.classifiers.bayes.NaiveBayesMultinomial;

/** The pool of Weka classifier copies is bounded: more threads than copies wait instead of copying. */
class ClassifierPoolTest {
    @Test
    void sixteenThreadsNeverHoldMoreThanTheBoundOfCopies() throws Exception {
        ClassifierPool pool = new ClassifierPool(new NaiveBayesMultinomial(), 2);
        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService ex = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                fs.add(ex.submit(() -> {
                    start.await();
                    for (int k = 0; k < 50; k++) {
                        Classifier c = pool.borrow();
                        most.accumulateAndGet(inUse.incrementAndGet(), Math::max);
                        Thread.onSpinWait();
                        inUse.decrementAndGet();
                        pool.giveBack(c);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            ex.shutdownNow();
        }
        assertTrue(most.get() <= 2, "at most 2 copies lent at once, saw " + most.get());
        assertTrue(pool.copies() <= 2, "copies made: " + pool.copies());
    }

    @Test
    void aCopyIsNeverTheMaster() {
        NaiveBayesMultinomial master = new NaiveBayesMultinomial();
        ClassifierPool pool = new ClassifierPool(master, 1);
        Classifier c = pool.borrow();
        assertNotSame(master, c);
        pool.giveBack(c);
        assertEquals(c, pool.borrow(), "the idle copy is lent again");
    }
}
