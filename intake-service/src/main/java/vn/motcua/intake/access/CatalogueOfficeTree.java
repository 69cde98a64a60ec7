package vn.motcua.intake.access;

import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.motcua.access.OfficeTree;
import vn.motcua.intake.catalogue.CatalogueQueries;

/**
 * The office tree as intake's own catalogue tables hold it. Known offices come from the catalogue's short-lived
 * cache (a scope check walks a few parents per request); an office the catalogue does not know has no parent, so a
 * claim naming it grants only itself and a request for it is refused, never a 500.
 */
@Component
class CatalogueOfficeTree implements OfficeTree {
    private final CatalogueQueries catalogue;

    CatalogueOfficeTree(CatalogueQueries catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Optional<String> parentOf(String officeId) {
        return catalogue.knownOffice(officeId).map(CatalogueQueries.OfficeView::parentId);
    }
}
