package vn.motcua.intake.catalogue;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** With {@code motcua.intake.load-seed-catalogue=true} (the local stack), loads the shipped catalogue at start. */
@Component
@ConditionalOnProperty(name = "motcua.intake.load-seed-catalogue", havingValue = "true")
class SeedCatalogueLoader implements ApplicationRunner {
    private final CatalogueImport catalogueImport;

    SeedCatalogueLoader(CatalogueImport catalogueImport) {
        this.catalogueImport = catalogueImport;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        catalogueImport.loadSeed();
    }
}
